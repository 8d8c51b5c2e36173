//! What `serve` adds to pages: the live-reload script and, after a failed
//! rebuild, an overlay with the problems. Never part of `build` output: it
//! is inserted into responses as they are served.

use crate::diagnostics::{self, Diagnostic};

/// Where the event stream and the script are served.
pub const EVENTS_PATH: &str = "/__handlingsplan/events";
pub const SCRIPT_PATH: &str = "/__handlingsplan/livereload.js";

/// The id of the overlay element.
pub const OVERLAY_ID: &str = "handlingsplan-overlay";

/// The live-reload client: reloads on `reload`, swaps stylesheets on `css`,
/// and shows the overlay it receives on `problems`.
pub const SCRIPT: &str = r#"(() => {
  const events = new EventSource("/__handlingsplan/events");
  events.addEventListener("reload", () => location.reload());
  // Stylesheets are named by their content: take the new names from the
  // page as it is now and swap them in, without reloading.
  events.addEventListener("css", async () => {
    const html = await (await fetch(location.href, { cache: "no-store" })).text();
    const fresh = new DOMParser().parseFromString(html, "text/html");
    const sheets = (doc) => [...doc.querySelectorAll('link[rel="stylesheet"]')];
    const next = sheets(fresh);
    sheets(document).forEach((link, i) => { if (next[i]) link.href = next[i].href; });
  });
  events.addEventListener("problems", (e) => {
    document.getElementById("handlingsplan-overlay")?.remove();
    document.body.insertAdjacentHTML("beforeend", e.data);
  });
})();
"#;

/// The tag that loads the script, inserted before `</body>`.
pub fn script_tag() -> String {
    format!("<script src=\"{SCRIPT_PATH}\"></script>")
}

/// The overlay for a failed rebuild: every diagnostic as the terminal shows
/// it (file:line:col, the source line, the hint).
pub fn overlay(diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let mut escaped = Vec::new();
    tera::escape_html(&diagnostics::human(diags, false), &mut escaped).expect("writing to memory cannot fail");
    let text = String::from_utf8_lossy(&escaped);
    format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;\
background:rgba(20,20,24,.96);color:#f4f4f5;padding:2rem;font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace\">\
<h2 style=\"margin:0 0 1rem;font:bold 1.25rem system-ui,sans-serif;color:#ff9b9b\">The site could not be rebuilt: {errors} error{}</h2>\
<p style=\"margin:0 0 1rem;font-family:system-ui,sans-serif\">Fix the problem and save: this page updates by itself.</p>\
<pre style=\"white-space:pre-wrap;margin:0\">{text}</pre></div>",
        if errors == 1 { "" } else { "s" }
    )
}

/// Insert `extra` before the last `</body>` of `html` (or at the end).
pub fn inject(html: &str, extra: &str) -> String {
    let at = html.rfind("</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + extra.len());
    out.push_str(&html[..at]);
    out.push_str(extra);
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_body_end() {
        assert_eq!(inject("<body>x</body></html>", "<s>"), "<body>x<s></body></html>");
        assert_eq!(inject("no body", "<s>"), "no body<s>");
    }

    #[test]
    fn the_overlay_escapes_and_locates() {
        let d = Diagnostic::error("bad", "content/2022/plan.sv.md", "<script>").with_pos(3, 4);
        let html = overlay(&[d]);
        assert!(html.contains("content/2022/plan.sv.md:3:4"), "{html}");
        assert!(html.contains("&lt;script&gt;") && !html.contains("<script>"), "{html}");
        assert!(html.contains("1 error<"));
    }
}
