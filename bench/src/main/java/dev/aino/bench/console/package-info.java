/** The console's budgets: first-load bytes and the server render of a large workloads page. */
package dev.aino.bench.console;
