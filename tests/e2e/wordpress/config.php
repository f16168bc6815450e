<?php
// WordPress's settings for `cargo xtask wordpress`, which fills in each placeholder.
// Application passwords need HTTPS, or an environment of type `local`.
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '{password}');
define('DB_HOST', 'localhost:{socket}');
define('WP_HOME', '{wp_url}');
define('WP_SITEURL', '{wp_url}');
define('WPMU_PLUGIN_DIR', '{plugins}');
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
