/** Delivery formats beyond the plain dashboards and rule files register their emitters here. */
export {};
