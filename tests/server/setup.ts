/** The server keeps ISO weeks in UTC; tests run it as deployed. */
process.env.TZ = 'UTC';
