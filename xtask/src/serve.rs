//! `cargo xtask serve`: builds the site and serves it with the
//! `article-server` crate, as it is or as a live preview of its data folder.

use std::path::Path;

use anyhow::Result;
use article_server::{bind, serve, Site};
use article_site::preview::{DataFiles, PreviewSite, Watcher};

use crate::{dist, target_dir};

/// `cargo xtask serve`: builds the site, then serves it until Ctrl+C as a
/// static host would. With `watch` (`--data DIR` given), it serves a
/// preview of the folder instead and rebuilds its pages whenever a `*.toml`
/// file changes (see `article_site::preview`). The preview lives in a
/// folder of its own, so the site that was built, the one to publish,
/// stays as it is.
pub fn serve_command(root: &Path, port: u16, site: &dist::Site, watch: bool) -> Result<()> {
    if !watch {
        dist::dist(root, site)?;
        let (listener, port) = bind(port)?;
        println!(
            "Serving {} (the site of {}) at http://127.0.0.1:{port}/ (Ctrl+C to stop);\n\
             `--data DIR` previews a data folder while it is edited",
            site.out.display(),
            site.data.display(),
        );
        return serve(listener, Site::new(root.join(&site.out)));
    }
    let module = target_dir(root).join("xtask").join("preview-module");
    // Read before the build, so that a save during the build counts as a
    // change and is previewed.
    let module_data = DataFiles::read(&root.join(&site.data));
    let watcher = Watcher::new(root.join(&site.data));
    dist::dist_keeping_module(root, site, Some(&module))?;
    let (listener, port) = bind(port)?;
    let served = target_dir(root).join("xtask").join("preview-site");
    let preview = PreviewSite {
        data: site.data.clone(),
        out: served.clone(),
        www: root.join("www"),
        module,
        module_data,
        base_url: site.base_url.clone(),
    }
    .watch(watcher);
    println!(
        "Serving a preview of the site of {} at http://127.0.0.1:{port}/ (Ctrl+C to stop);\n\
         watching {} for changes: the pages are rebuilt without the module, static images or\n\
         compressed copies; the site to publish is in {}",
        site.data.display(),
        site.data.display(),
        site.out.display()
    );
    let site = Site {
        preview: Some(preview),
        ..Site::new(served)
    };
    serve(listener, site)
}
