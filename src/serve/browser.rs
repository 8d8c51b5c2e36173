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
/// and shows the overlay it receives on `problems` in the page's language,
/// focused, closed by its button or Escape (focus goes back where it was).
pub const SCRIPT: &str = r#"(() => {
  const ID = "handlingsplan-overlay";
  let before = null;
  const close = () => {
    document.getElementById(ID)?.remove();
    if (before && document.contains(before)) before.focus();
  };
  // Show the overlay's words in the page's language (English where it has none).
  const show = (overlay) => {
    const page = (document.documentElement.lang || "en").toLowerCase().split("-")[0];
    const known = overlay.querySelector(`[data-l="${page}"]`) ? page : "en";
    overlay.querySelectorAll("[data-l]").forEach((el) => { el.hidden = el.dataset.l !== known; });
    overlay.querySelectorAll("[data-close]").forEach((b) => b.addEventListener("click", close));
    before = document.activeElement;
    overlay.querySelector(`[data-l="${known}"] [data-close]`)?.focus();
  };
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && document.getElementById(ID)) close();
  });
  const present = document.getElementById(ID);
  if (present) show(present);
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
    document.getElementById(ID)?.remove();
    document.body.insertAdjacentHTML("beforeend", e.data);
    show(document.getElementById(ID));
  });
})();
"#;

/// The tag that loads the script, inserted before `</body>`.
pub fn script_tag() -> String {
    format!("<script src=\"{SCRIPT_PATH}\"></script>")
}

/// The overlay's words, per language: `[heading with {errors}, warnings
/// heading, the way on, close]`. The page's language is chosen in the page.
const WORDS: [(&str, [&str; 4]); 2] = [
    (
        "sv",
        [
            "Webbplatsen kunde inte byggas om: {errors}",
            "Varningar: {warnings}",
            "Rätta felet och spara: sidan uppdateras av sig själv.",
            "Stäng",
        ],
    ),
    (
        "en",
        [
            "The site could not be rebuilt: {errors}",
            "Warnings: {warnings}",
            "Fix the problem and save: this page updates by itself.",
            "Close",
        ],
    ),
];

/// "1 fel" / "2 errors": `n` and the word for one or for many.
fn counted(n: usize, (one, many): (&str, &str)) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The overlay for a failed rebuild: every diagnostic as the terminal shows
/// it (file:line:col, the source line, the hint), the errors first and the
/// warnings apart, in the languages of [`WORDS`].
pub fn overlay(diags: &[Diagnostic]) -> String {
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = diags.iter().cloned().partition(Diagnostic::is_error);
    let block = |list: &[Diagnostic], colour: &str| {
        let mut escaped = Vec::new();
        tera::escape_html(&diagnostics::human(list, false), &mut escaped).expect("writing to memory cannot fail");
        let text = String::from_utf8_lossy(&escaped).into_owned();
        format!(
            "<pre style=\"white-space:pre-wrap;margin:0 0 1.5rem;border-left:4px solid {colour};padding-left:1rem\">{text}</pre>"
        )
    };
    let heading = "margin:0 0 1rem;font:bold 1.25rem system-ui,sans-serif";
    let button = "float:right;font:inherit;font-family:system-ui,sans-serif;padding:.25rem .75rem;color:#18181b;background:#f4f4f5;border:0;border-radius:4px;cursor:pointer";
    let mut html = format!(
        "<div id=\"{OVERLAY_ID}\" role=\"dialog\" aria-modal=\"true\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;\
background:rgba(20,20,24,.96);color:#f4f4f5;padding:2rem;font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace\">"
    );
    for (lang, [title, warned, way_on, close]) in WORDS {
        let (sv, n_errors) = (lang == "sv", errors.len());
        let errors_text = counted(n_errors, if sv { ("fel", "fel") } else { ("error", "errors") });
        let warnings_text = counted(
            warnings.len(),
            if sv {
                ("varning", "varningar")
            } else {
                ("warning", "warnings")
            },
        );
        html.push_str(&format!(
            "<div data-l=\"{lang}\" lang=\"{lang}\"><button type=\"button\" data-close style=\"{button}\">{close}</button>\
<h2 style=\"{heading};color:#ff9b9b\">{}</h2><p style=\"margin:0 0 1rem;font-family:system-ui,sans-serif\">{way_on}</p>",
            title.replace("{errors}", &errors_text)
        ));
        html.push_str(&block(&errors, "#ff9b9b"));
        if !warnings.is_empty() {
            html.push_str(&format!(
                "<h2 style=\"{heading};color:#fcd34d\">{}</h2>",
                warned.replace("{warnings}", &warnings_text)
            ));
            html.push_str(&block(&warnings, "#fcd34d"));
        }
        html.push_str("</div>");
    }
    html.push_str("</div>");
    html
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
        assert!(html.contains("could not be rebuilt: 1 error<") && html.contains("kunde inte byggas om: 1 fel<"));
    }

    #[test]
    fn warnings_are_counted_and_shown_apart_from_errors_and_the_overlay_closes() {
        let error = Diagnostic::error("bad", "content/2022/plan.sv.md", "broken");
        let warning = Diagnostic::warning("meh", "content/2022/plan.en.md", "odd");
        let html = overlay(&[error.clone(), warning.clone(), warning]);
        assert!(
            html.contains(": 1 error<") && html.contains("Warnings: 2 warnings<"),
            "{html}"
        );
        assert!(html.contains("Varningar: 2 varningar<"), "{html}");
        let (errors_at, warnings_at) = (html.find("broken").unwrap(), html.find("Warnings:").unwrap());
        assert!(errors_at < warnings_at, "errors first");
        assert_eq!(html.matches("data-close").count(), 2, "a close button per language");
        assert!(
            !overlay(&[error]).contains("Warnings:"),
            "no warnings heading without warnings"
        );
        assert!(SCRIPT.contains("Escape") && SCRIPT.contains(".focus()"));
    }
}
