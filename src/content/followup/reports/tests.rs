//! Table tests for dated reports: names, carrying forward, overdue.

use super::*;
use crate::model::Name;

#[test]
fn report_names_are_real_dates_within_the_plans_time() {
    let cases: &[(&str, Result<&str, &str>)] = &[
        ("2022-09-30.yaml", Ok("2022-09-30")),
        ("2023-12-31.yaml", Ok("2023-12-31")),
        ("2021-11-01.yaml", Ok("2021-11-01")),
        ("2024-01-01.yaml", Err("more than a year after")),
        ("2021-01-01.yaml", Ok("2021-01-01")),
        ("2020-12-31.yaml", Err("dated before the year before")),
        ("1000-01-01.yaml", Err("dated before the year before")),
        ("2022-02-30.yaml", Err("not a real YYYY-MM-DD date")),
        ("2022-9-30.yaml", Err("not a real YYYY-MM-DD date")),
        ("september.yaml", Err("not a real YYYY-MM-DD date")),
        ("2022-09-30.yml", Err("is not a report")),
        ("anteckningar.md", Err("is not a report")),
    ];
    for (name, want) in cases {
        match (report_date(name, 2022), want) {
            (Ok(date), Ok(want)) => assert_eq!(date, *want, "{name}"),
            (Err((message, _)), Err(want)) => assert!(message.contains(want), "{name}: {message}"),
            (got, want) => panic!("{name}: {got:?}, wanted {want:?}"),
        }
    }
}

fn file(date: &str) -> ReportFile {
    ReportFile {
        date: date.into(),
        path: PathBuf::new(),
        rel: format!("content/2022/follow-up/{date}.yaml"),
    }
}

fn entry(status: Status, due: Option<&str>, lead: Option<&str>) -> FollowUp {
    FollowUp {
        status,
        due: due.map(Into::into),
        lead: lead.map(Name::one),
        ..FollowUp::default()
    }
}

#[test]
fn due_lead_and_partners_carry_forward_and_history_grows() {
    let mut first = entry(Status::Planned, Some("2022-06-30"), Some("Anna"));
    first.partners = vec![Name::one("Region")];
    let second = entry(Status::Ongoing, None, None);
    let third = entry(Status::Done, None, Some("Bo"));
    let reports = vec![
        (file("2022-03-31"), BTreeMap::from([("a-1".to_string(), first)])),
        (file("2022-06-30"), BTreeMap::from([("a-1".to_string(), second)])),
        (file("2022-09-30"), BTreeMap::from([("a-1".to_string(), third)])),
    ];
    let mut diags = Vec::new();
    let (reports, current) = merge(reports, &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let now = &current["a-1"];
    assert_eq!(now.due.as_deref(), Some("2022-06-30"));
    assert_eq!(
        now.lead.as_ref().map(|n| n.get("sv")),
        Some("Bo"),
        "a later report changes the lead"
    );
    assert_eq!(now.partners, [Name::one("Region")]);
    let history: Vec<_> = now.history.iter().map(|(d, s)| (d.as_str(), *s)).collect();
    assert_eq!(
        history,
        [
            ("2022-03-31", Status::Planned),
            ("2022-06-30", Status::Ongoing),
            ("2022-09-30", Status::Done)
        ]
    );
    assert_eq!(reports[1].state["a-1"].lead.as_ref().map(|n| n.get("sv")), Some("Anna"));
    assert_eq!(reports.len(), 3);
}

#[test]
fn overdue_is_judged_against_each_reports_date() {
    let reports = vec![
        (
            file("2022-06-30"),
            BTreeMap::from([
                ("a-1".to_string(), entry(Status::Ongoing, Some("2022-06-30"), None)),
                ("a-2".to_string(), entry(Status::Ongoing, Some("2022-05-31"), None)),
                ("a-3".to_string(), entry(Status::Done, Some("2022-01-31"), None)),
                ("a-4".to_string(), entry(Status::Cancelled, Some("2022-01-31"), None)),
                ("a-5".to_string(), entry(Status::Paused, None, None)),
            ]),
        ),
        // A later report that does not mention a-1 still makes it overdue.
        (
            file("2022-09-30"),
            BTreeMap::from([("a-5".to_string(), entry(Status::Ongoing, None, None))]),
        ),
    ];
    let (reports, current) = merge(reports, &mut Vec::new());
    let overdue = |state: &crate::model::FollowUps| -> Vec<String> {
        state
            .iter()
            .filter(|(_, f)| f.overdue)
            .map(|(a, _)| a.to_string())
            .collect()
    };
    assert_eq!(
        overdue(&reports[0].state),
        ["a-2"],
        "due on the report's day is not late"
    );
    assert_eq!(overdue(&current), ["a-1", "a-2"]);
    assert_eq!(current["a-1"].history.len(), 1, "carried, not written again");
    // An entry carried forward is the same entry, shared, unless its being
    // overdue changed: then the later report has a copy of its own.
    let shared = |a: &str| Arc::ptr_eq(&reports[0].state[a], &reports[1].state[a]);
    assert!(shared("a-2") && shared("a-3") && !shared("a-1") && !shared("a-5"));
    assert!(
        Arc::ptr_eq(&reports[1].state["a-2"], &current["a-2"]),
        "the current state is the last report's"
    );
    assert!(
        !reports[0].state["a-1"].overdue,
        "the earlier report keeps its own judgement"
    );
}

#[test]
fn a_report_that_changes_nothing_is_a_warning() {
    let same = || BTreeMap::from([("a-1".to_string(), entry(Status::Ongoing, None, None))]);
    let reports = vec![(file("2022-03-31"), same()), (file("2022-06-30"), same())];
    let mut diags = Vec::new();
    merge(reports, &mut diags);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].code, "unchanged-report");
    assert_eq!(diags[0].file, "content/2022/follow-up/2022-06-30.yaml");
    // An empty first report changes nothing either.
    let mut diags = Vec::new();
    merge(vec![(file("2022-03-31"), BTreeMap::new())], &mut diags);
    assert_eq!(diags.len(), 1);
}
