/** What the A2A endpoint costs another agent: a status intent as a task, beside REST's read. */
package dev.aino.bench.a2a;
