// Where the tests and the benchmarks find PostgreSQL when TEST_DATABASE_URL (BENCH_DATABASE_URL)
// is not set: the role and database .ci/run creates on the machine's server (README, Development).
export const DEFAULT_TEST_DATABASE_URL = "postgres://capex_test:capex_test@127.0.0.1:5432/capex_test";
