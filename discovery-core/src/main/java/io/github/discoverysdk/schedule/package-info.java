/** Schedules of discovery profiles: cron expressions. */
package io.github.discoverysdk.schedule;
