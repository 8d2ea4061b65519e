<?php  // Moodle configuration file (a test fixture: never executed)

unset($CFG);
global $CFG;
$CFG = new stdClass();

$CFG->dbtype    = 'mariadb';      // 'pgsql', 'mariadb', 'mysqli', 'auroramysql', 'sqlsrv'
$CFG->dblibrary = 'native';
$CFG->dbhost    = "db.example.org";
$CFG->dbname    = 'moodle_prod';
$CFG->dbuser    = 'moodle';
$CFG->dbpass    = 'it\'s a \\secret; $CFG->dbuser = "x";';
# $CFG->prefix  = 'old_';
/* $CFG->prefix = 'older_'; */
$CFG->prefix    = 'mdl45_';
$CFG->dboptions = [
    'dbpersist' => false,
    'dbport'    => 3307,   // a non-standard port
    'dbsocket'  => '',
    'dbcollation' => 'utf8mb4_unicode_ci',
];
$CFG->wwwroot   = 'https://moodle.example.org';
$CFG->dataroot  = '/var/moodledata';
$CFG->admin     = 'admin';
$CFG->directorypermissions = 02777;
$CFG->tempdir = $CFG->dataroot . '/temp';
$CFG->noreplyaddress = "noreply@$host";

require_once(__DIR__ . '/lib/setup.php');
