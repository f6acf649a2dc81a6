import { OrderList } from './OrdersPage.tsx';

/** The service tab of the elder's record: their orders (every status), with the order drawer. */
export default function ElderServicesTab({ elderId }: { elderId: string }) {
  return <OrderList elderId={elderId} />;
}
