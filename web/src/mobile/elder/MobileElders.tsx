import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { usePaged } from '../../app/usePaged.ts';
import { ELDERS_KEY, ELDERS_PATH } from '../../modules/elder/elderApi.ts';
import { buildListQuery, classifyExactSearch, EMPTY_FILTERS } from '../../modules/elder/elderHelpers.ts';
import type { ElderListItem } from '@yiyang/contracts';
import { useElderLabels } from '../../modules/elder/useElderLabels.ts';
import { MobilePage } from '../MobilePage.tsx';

/** Digits-only input that looks like a phone or ID number is an exact search; anything else is name/pinyin. */
export function mobileSearchFilters(text: string) {
  const s = text.trim();
  const exact = /\d{5,}/.test(s) ? classifyExactSearch(s) : null;
  return exact ? { ...EMPTY_FILTERS, exact: s } : { ...EMPTY_FILTERS, q: s };
}

/** Community worker: find an elder by name, pinyin initials, ID or phone. */
export default function MobileElders() {
  const { t } = useTranslation();
  const labels = useElderLabels();
  const { me, can } = useSession();
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState('');
  const list = usePaged<ElderListItem>(
    ELDERS_KEY,
    ELDERS_PATH,
    buildListQuery(mobileSearchFilters(submitted), me?.regionCode ?? null),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(text);
  };

  return (
    <MobilePage title={t('mobile.elders')}>
      <form role="search" onSubmit={submit} className="yy-m-search" data-testid="m-elder-search-form">
        <div className="yy-m-field">
          <label htmlFor="m-elder-q">{t('elder.mobile.search')}</label>
          <input
            id="m-elder-q"
            type="search"
            enterKeyHint="search"
            value={text}
            placeholder={t('elder.mobile.searchHint')}
            onChange={(e) => setText(e.target.value)}
            data-testid="m-elder-search"
          />
        </div>
        <Button
          type="submit"
          color="primary"
          block
          size="large"
          className="yy-m-primary"
          data-testid="m-elder-search-submit"
        >
          {t('common.search')}
        </Button>
      </form>
      {can('elder:write') && (
        <Link to="/m/elders/new" className="yy-m-action" data-testid="m-elder-add">
          + {t('elder.mobile.add')}
        </Link>
      )}
      {list.error && (
        <p className="yy-m-error" role="alert">
          {t('common.loadFailed')}
        </p>
      )}
      <ul className="yy-m-cards" data-testid="m-elder-list" aria-busy={list.isPending}>
        {list.items.map((e) => (
          <li key={e.id}>
            <Link
              to={`/m/elders/${encodeURIComponent(e.id)}`}
              className="yy-m-card"
              data-testid="m-elder-item"
            >
              <span className="yy-m-card-title">
                {e.nameMasked} · {labels.sex(e.sex)} · {t('elder.ageValue', { age: e.age })}
              </span>
              <span className="yy-m-card-line">{e.regionName}</span>
              <span className="yy-m-card-line yy-m-mono">{e.idNumberMasked}</span>
              {(e.tags.length > 0 || e.derivedTags.length > 0) && (
                <span className="yy-m-card-line">
                  {[...e.tags.map((x) => labels.tag(x.code)), ...e.derivedTags.map(labels.derived)].join(
                    ' · ',
                  )}
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
      {!list.isPending && !list.error && list.items.length === 0 && (
        <p className="yy-m-status" role="status">
          {t('elder.mobile.noResults')}
        </p>
      )}
      {list.hasNextPage && (
        <Button
          block
          size="large"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
          className="yy-m-secondary"
        >
          {t('common.loadMore')}
        </Button>
      )}
    </MobilePage>
  );
}
