import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The footer under a `usePaged` table: a "load more" button, or "no more" once every page is in. */
export function LoadMore({
  list,
  testId,
}: {
  list: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage: () => unknown;
    items: readonly unknown[];
  };
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="yy-load-more">
      {list.hasNextPage ? (
        <Button
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
          data-testid={testId}
        >
          {t('common.loadMore')}
        </Button>
      ) : list.items.length > 0 ? (
        <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
      ) : null}
    </div>
  );
}
