<?php
// Installs WordPress and creates the Author for `cargo xtask wordpress`,
// which fills in each placeholder; prints the Author's application password.
$_SERVER['HTTP_HOST'] = '{host}';
$_SERVER['WORDPRESS_CONFIG'] = '{CONFIG_NAME}';
define('WP_INSTALLING', true);
require '{WORDPRESS}/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install('Article charts test', 'admin', 'admin@example.org', false, '', wp_generate_password(24));
$author = wp_insert_user(array(
    'user_login' => '{AUTHOR}',
    'user_pass' => wp_generate_password(24),
    'user_email' => 'reporter@example.org',
    'role' => 'author',
));
if (is_wp_error($author)) { fwrite(STDERR, $author->get_error_message()); exit(1); }
$created = WP_Application_Passwords::create_new_application_password($author, array('name' => 'article charts test'));
if (is_wp_error($created)) { fwrite(STDERR, $created->get_error_message()); exit(1); }
echo "PASSWORD=" . $created[0] . "\n";
