/**
 * Commands of the cohort kinds: the cohorts file (create, update, delete cohorts; add and remove members) and the
 * cohort to course bindings file (cohort sync enrolment instances), with their options.
 */
package org.moodlesync.api.command.cohort;
