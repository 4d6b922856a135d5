/**
 * Benchmarks, run by hand ({@code java -jar bench/target/aino-bench.jar}), never by the test suite.
 * Each reports ratios against a baseline measured in the same run where one exists.
 */
package dev.aino.bench;
