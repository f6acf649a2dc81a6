/**
 * 长辈版 (MIIT 适老化 APP spec §3.1): larger text and targets. The user's saved
 * preference rules once signed in; the device remembers the last choice so the
 * sign-in screen already appears in the same mode.
 */
const KEY = 'yiyang.elderMode';

export function deviceElderMode(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function applyElderMode(on: boolean): void {
  document.documentElement.classList.toggle('yy-elder', on);
  try {
    localStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    // ignore
  }
}
