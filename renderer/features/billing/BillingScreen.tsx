export function BillingScreen() {
  return null;
}
