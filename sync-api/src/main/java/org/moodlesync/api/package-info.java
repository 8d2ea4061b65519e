/**
 * moodle-sync's public API: command models, results and the SPI between the engine and a Moodle backend.
 * It depends on Jakarta Validation only: no jOOQ, CSV or JDBC type appears here, so a host application that
 * builds commands in code or writes its own backend needs this module alone.
 */
package org.moodlesync.api;
