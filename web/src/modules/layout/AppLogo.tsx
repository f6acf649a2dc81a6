/** The Yiyang mark: a house under a sun, drawn inline so it costs no request. */
export function AppLogo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#0a6b5a" />
      <circle cx="44" cy="18" r="7" fill="#ffd27a" />
      <path d="M12 34 L32 16 L52 34 L47 34 L47 52 L17 52 L17 34 Z" fill="#fff" />
      <path d="M27 52 L27 40 Q32 35 37 40 L37 52 Z" fill="#0a6b5a" />
    </svg>
  );
}
