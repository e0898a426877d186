//! Meetings read from common agency phrasing (Xinhua, Kazinform, Akorda, TASS, APP…),
//! including what must not count: future meetings and vague back-references.

use dossier::corpus::Article;
use dossier::gazetteer::Gazetteer;
use dossier::meetings;

/// Each meeting of a report as `date leader>counterpart(s) kind @location`.
fn meetings_of(text: &str) -> Vec<String> {
    let article = Article::from_bytes("t.txt", text.as_bytes()).expect("valid text");
    meetings::extract(&article, Gazetteer::builtin())
        .into_iter()
        .map(|m| {
            let others: Vec<&str> = m.counterparts.iter().map(|c| c.name.as_str()).collect();
            format!(
                "{} {}>{} {} @{}",
                m.date.map_or("-".to_owned(), |d| d.to_string()),
                m.leader.name,
                others.join("+"),
                m.kind,
                m.location.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn xinhua_talks_with_dateline_and_weekday() {
    assert_eq!(
        meetings_of(
            "Xi holds talks with Tokayev\nSource: Xinhua| 2023-05-18\n\nXI'AN, May 17 (Xinhua) -- Chinese President Xi Jinping held talks with Kazakh President Kassym-Jomart Tokayev here on Wednesday."
        ),
        ["2023-05-17 Xi Jinping>Kassym-Jomart Tokayev talks @Xi'an"]
    );
}

#[test]
fn kazinform_phone_call_between_two_foreign_leaders() {
    assert_eq!(
        meetings_of(
            "Tokayev, Mirziyoyev discuss cooperation\n17 May 2023, 17:46\n\nASTANA. KAZINFORM – Head of State Kassym-Jomart Tokayev had a telephone conversation with President of Uzbekistan Shavkat Mirziyoyev, Akorda press service reports."
        ),
        ["2023-05-17 Kassym-Jomart Tokayev>Shavkat Mirziyoyev phone_call @-"]
    );
}

#[test]
fn video_calls_letters_and_calls_received() {
    assert_eq!(
        meetings_of(
            "Updated: 2022-06-24 08:00\n\nBEIJING -- Chinese President Xi Jinping and Russian President Vladimir Putin held a video call on Friday, exchanging views on ties."
        ),
        ["2022-06-24 Xi Jinping>Vladimir Putin video_call @-"]
    );
    assert_eq!(
        meetings_of(
            "Updated: 2022-01-03\n\nBEIJING -- Chinese President Xi Jinping and Kazakh President Kassym-Jomart Tokayev on Monday exchanged congratulatory messages on the 30th anniversary of diplomatic ties."
        ),
        ["2022-01-03 Xi Jinping>Kassym-Jomart Tokayev letter @-"]
    );
    assert_eq!(
        meetings_of(
            "Updated: 2024-02-02\n\nMOSCOW, Feb. 1. /TASS/. Belarusian President Alexander Lukashenka received a phone call from Russian President Vladimir Putin on Thursday, the Kremlin said."
        ),
        // The caller leads.
        ["2024-02-01 Vladimir Putin>Alexander Lukashenko phone_call @-"]
    );
}

#[test]
fn several_leaders_in_one_sentence_are_separate_calls() {
    assert_eq!(
        meetings_of(
            "Updated: 2021-06-03\n\nBEIJING -- President Xi Jinping spoke on the phone on Wednesday with Ilham Aliyev, the president of Azerbaijan, and Luis Abinader, the president of the Dominican Republic."
        ),
        [
            "2021-06-02 Xi Jinping>Ilham Aliyev phone_call @-",
            "2021-06-02 Xi Jinping>Luis Abinader phone_call @-"
        ]
    );
}

#[test]
fn a_summit_is_one_meeting_with_several_counterparts() {
    assert_eq!(
        meetings_of(
            "Source: Xinhua| 2023-05-19\n\nXI'AN, May 19 (Xinhua) -- Chinese President Xi Jinping chaired the China-Central Asia Summit in Xi'an on Friday with Kazakh President Kassym-Jomart Tokayev, Kyrgyz President Sadyr Japarov, Tajik President Emomali Rahmon and Uzbek President Shavkat Mirziyoyev."
        ),
        [
            "2023-05-19 Xi Jinping>Kassym-Jomart Tokayev+Sadyr Japarov+Emomali Rahmon+Shavkat Mirziyoyev summit @Xi'an"
        ]
    );
}

#[test]
fn the_same_meeting_twice_in_a_report_is_one() {
    assert_eq!(
        meetings_of(
            " date 2023-10-18 Xi meets Tokayev\n\nChinese President Xi Jinping meets with Kazakh President Kassym-Jomart Tokayev at the Great Hall of the People in Beijing, capital of China, Oct. 17, 2023. (Xinhua/Ding Haitao)\n\nBEIJING, Oct. 17 (Xinhua) -- Chinese President Xi Jinping met with Kazakh President Kassym-Jomart Tokayev in Beijing on Tuesday.\n\nDuring the meeting, Xi said the two countries are friends.\n\nIn his talks with Tokayev, Xi said more."
        ),
        ["2023-10-17 Xi Jinping>Kassym-Jomart Tokayev talks @Beijing"]
    );
}

#[test]
fn unknown_leaders_written_with_title_and_country() {
    assert_eq!(
        meetings_of(
            "Source: Xinhua| 2024-03-05\n\nBEIJING, March 5 (Xinhua) -- Chinese Foreign Minister Wang Yi met with Kyrgyz Foreign Minister Aibek Testov in Beijing on Tuesday."
        ),
        ["2024-03-05 Wang Yi>Aibek Testov meeting @Beijing"]
    );
}

#[test]
fn future_and_vague_meetings_do_not_count() {
    assert!(
        meetings_of(
            "Updated: 2024-07-01\n\nBEIJING -- Kazakh President Kassym-Jomart Tokayev will pay a state visit to China next week at the invitation of Chinese President Xi Jinping."
        )
        .is_empty()
    );
    assert!(
        meetings_of(
            "Updated: 2024-07-01\n\nASTANA -- Xi Jinping said that he and Sadyr Japarov held fruitful talks in Xi'an last May. Xi and Tokayev met twice last year."
        )
        .is_empty()
    );
    assert!(
        meetings_of(
            "Updated: 2024-07-01\n\nBEIJING -- Xi Jinping is scheduled to hold talks with Vladimir Putin in Astana."
        )
        .is_empty()
    );
}

#[test]
fn a_back_reference_with_a_day_counts() {
    assert_eq!(
        meetings_of(
            "Updated: 2024-03-01\n\nBEIJING -- Chinese President Xi Jinping recalled his phone call with Russian President Vladimir Putin on January 17, saying it set the course."
        ),
        ["2024-01-17 Xi Jinping>Vladimir Putin phone_call @-"]
    );
}

#[test]
fn no_report_date_means_no_guessed_date() {
    assert_eq!(
        meetings_of(
            "BEIJING -- Chinese President Xi Jinping held talks with Russian President Vladimir Putin here on Tuesday."
        ),
        ["- Xi Jinping>Vladimir Putin talks @Beijing"]
    );
}

#[test]
fn readouts_say_spoke_with_and_call_with() {
    // A readout in the style of a head of government's office (our own words).
    assert_eq!(
        meetings_of(
            "Readout of the President's Call with Prime Minister Albanese\nMarch 14, 2023\n\nPresident Joe Biden spoke with Prime Minister Anthony Albanese of Australia today to discuss their shared work on submarines."
        ),
        ["2023-03-14 Joe Biden>Anthony Albanese phone_call @-"]
    );
    assert_eq!(
        meetings_of(
            "Updated: 2023-06-02\n\nNEW DELHI -- Prime Minister Narendra Modi had a call with Chancellor Olaf Scholz on Friday about trade."
        ),
        ["2023-06-02 Narendra Modi>Olaf Scholz phone_call @-"]
    );
}

#[test]
fn discussions_and_bilaterals_are_encounters_but_chatting_with_fans_is_not_a_call() {
    assert_eq!(
        meetings_of(
            "Updated: 2023-06-02\n\nANKARA -- President Recep Tayyip Erdogan held lengthy discussions with Chancellor Olaf Scholz in Ankara on Friday."
        ),
        ["2023-06-02 Recep Tayyip Erdogan>Olaf Scholz talks @Ankara"]
    );
    assert_eq!(
        meetings_of(
            "Updated: 2023-06-02\n\nPrime Minister Narendra Modi had a bilateral with Prime Minister Anthony Albanese on the sidelines of the forum in Sydney on Friday."
        ),
        ["2023-06-02 Narendra Modi>Anthony Albanese meeting @Sydney"]
    );
    // After their game the two leaders talked with young players: no new encounter.
    let text = "Updated: 2019-02-16\n\nSOCHI -- Vladimir Putin and Alexander Lukashenko played hockey on Saturday.\n\nAfter the game, the presidents talked with the young players.";
    assert!(
        meetings_of(text).iter().all(|m| !m.contains("phone_call")),
        "{:?}",
        meetings_of(text)
    );
}

#[test]
fn a_list_goes_on_past_acting_and_interim_leaders() {
    assert_eq!(
        meetings_of(
            "Updated: 2023-05-20\n\nXI'AN -- Xi Jinping held talks with Turkmen President Serdar Berdimuhamedov, Tajik President Emomali Rahmon and acting Uzbek Prime Minister Abdulla Aripov in Xi'an on Friday."
        ),
        [
            "2023-05-19 Xi Jinping>Serdar Berdimuhamedov talks @Xi'an",
            "2023-05-19 Xi Jinping>Emomali Rahmon talks @Xi'an",
            "2023-05-19 Xi Jinping>Abdulla Aripov talks @Xi'an",
        ]
    );
}

#[test]
fn several_encounters_in_one_sentence_keep_their_own_days() {
    assert_eq!(
        meetings_of(
            "Updated: 2023-05-20\n\nXI'AN -- Chinese President Xi Jinping met Kazakh President Kassym-Jomart Tokayev on Wednesday and Kyrgyz President Sadyr Japarov on Thursday."
        ),
        [
            "2023-05-17 Xi Jinping>Kassym-Jomart Tokayev meeting @Xi'an",
            "2023-05-18 Xi Jinping>Sadyr Japarov meeting @Xi'an",
        ]
    );
}

#[test]
fn denied_and_called_off_meetings_do_not_count() {
    let text = "Updated: 2023-05-20\n\nASTANA -- Kazakh President Kassym-Jomart Tokayev has never met Argentine President Javier Milei.\n\nChinese President Xi Jinping was not able to hold talks with Kyrgyz President Sadyr Japarov on Friday, and talks between Vladimir Putin and Ilham Aliyev were postponed.\n\nTokayev held talks with Uzbek President Shavkat Mirziyoyev in Astana on Friday.";
    assert_eq!(
        meetings_of(text),
        ["2023-05-19 Kassym-Jomart Tokayev>Shavkat Mirziyoyev talks @Astana"]
    );
}

#[test]
fn received_by_hosted_for_talks_and_airport_welcomes() {
    let one = |sentence: &str| {
        meetings_of(&format!(
            "Leaders meet\nUpdated: 2023-05-20\n\nBEIJING -- {sentence}"
        ))
    };
    assert_eq!(
        one(
            "Kazakh President Kassym-Jomart Tokayev was received by Chinese President Xi Jinping in Beijing on Friday."
        ),
        // The host leads.
        ["2023-05-19 Xi Jinping>Kassym-Jomart Tokayev meeting @Beijing"]
    );
    assert_eq!(
        one(
            "Chinese President Xi Jinping hosted Kazakh President Kassym-Jomart Tokayev for talks on Friday."
        ),
        ["2023-05-19 Xi Jinping>Kassym-Jomart Tokayev talks @Beijing"]
    );
    assert_eq!(
        one(
            "Chinese President Xi Jinping greeted Kazakh President Kassym-Jomart Tokayev at the airport on Friday."
        ),
        ["2023-05-19 Xi Jinping>Kassym-Jomart Tokayev other @Beijing"]
    );
    // Receiving support or a letter is not meeting anyone.
    assert!(
        one("Kazakhstan received support from Chinese President Xi Jinping on Friday.").is_empty()
    );
}

#[test]
fn explain_says_why_a_mention_was_dropped_and_where_date_and_place_come_from() {
    let text = "Leaders meet\nUpdated: 2023-05-20\n\nBEIJING -- Xi Jinping did not hold talks with Kassym-Jomart Tokayev on Friday.\n\nXi Jinping held talks with Sadyr Japarov on Friday.";
    let article = Article::from_bytes("t.txt", text.as_bytes()).expect("valid text");
    let why = meetings::explain(&article, Gazetteer::builtin());
    assert!(
        why.contains("report date: 2023-05-20  dateline: Beijing"),
        "{why}"
    );
    assert!(why.contains("negated=true"), "{why}");
    // A first-person readout names its writer; a headline announcing a meeting is flagged.
    let first = "Statement\nJustin Trudeau, Prime Minister of Canada\nMarch 4, 2024\n\nToday I spoke with President Joe Biden about the border, the fentanyl crisis and the trade corridor that links our two economies.";
    let article = Article::from_bytes("t.txt", first.as_bytes()).expect("valid text");
    let why_first = meetings::explain(&article, Gazetteer::builtin());
    assert!(
        why_first.contains("writer (for \"I\"/\"we\"): Justin Trudeau"),
        "{why_first}"
    );
    assert!(
        why_first.contains("sides=Some((\"Justin Trudeau\""),
        "{why_first}"
    );
    // A title resolved by date shows the term it used.
    let titled = "Updated: 2017-06-08\n\nASTANA -- Chinese President Xi Jinping held talks with the Kazakh president on Thursday.";
    let article = Article::from_bytes("t.txt", titled.as_bytes()).expect("valid text");
    let why_titled = meetings::explain(&article, Gazetteer::builtin());
    assert!(
        why_titled.contains(
            "term: Nursultan Nazarbayev head-of-state of Kazakhstan from 1990-04-24 to 2019-03-20"
        ),
        "{why_titled}"
    );
    assert!(
        why.contains("date 2023-05-19 from the sentence; place: a visit told in the sentence before or after, the last place after \"Later,\", else the dateline (Beijing) if it lies in one side's country"),
        "{why}"
    );
}

#[test]
fn a_bodys_session_is_not_an_encounter_but_received_in_a_city_is() {
    let one = |sentence: &str| {
        meetings_of(&format!(
            "Leaders meet\nUpdated: 2023-05-20\n\nMOSCOW -- {sentence}"
        ))
    };
    assert!(
        one("After the meeting of the Security Council, Vladimir Putin told Kassym-Jomart Tokayev about the results on Friday.").is_empty()
    );
    assert_eq!(
        one(
            "The meeting of the two presidents, Vladimir Putin and Kassym-Jomart Tokayev, took place on Friday."
        ),
        ["2023-05-19 Vladimir Putin>Kassym-Jomart Tokayev meeting @Moscow"]
    );
    assert_eq!(
        one(
            "On Friday Vladimir Putin received in Moscow President of Kazakhstan Kassym-Jomart Tokayev."
        ),
        ["2023-05-19 Vladimir Putin>Kassym-Jomart Tokayev meeting @Moscow"]
    );
}

#[test]
fn government_readouts_and_honorifics() {
    // A readout's "spoke this morning with"; honorifics do not cut the sentence.
    assert_eq!(
        meetings_of(
            "Readouts\nMarch 4, 2024\n\nPresident Joe Biden spoke this morning with Prime Minister Fumio Kishida of Japan about the state visit."
        ),
        ["2024-03-04 Joe Biden>Fumio Kishida phone_call @-"]
    );
    assert_eq!(
        meetings_of(
            "Published: 10 May 2024\n\nPrime Minister Anwar Ibrahim received a courtesy call from H.E. Mr. Srettha Thavisin, Prime Minister of Thailand, at Seri Perdana, Putrajaya on Friday."
        ),
        ["2024-05-10 Anwar Ibrahim>Srettha Thavisin meeting @Putrajaya"]
    );
    assert_eq!(
        meetings_of(
            "Published 8 January 2024\n\nPrime Minister Rishi Sunak welcomed Chancellor Olaf Scholz to Downing Street in London on Monday."
        ),
        ["2024-01-08 Rishi Sunak>Olaf Scholz meeting @London"]
    );
}

#[test]
fn announcements_written_as_headlines_or_around_a_date_do_not_count() {
    assert!(
        meetings_of(
            "Erdogan to meet Putin in Sochi\nPublished: 2023-09-01\n\nThe Turkish leader's office gave no details of the agenda."
        )
        .is_empty()
    );
    assert!(
        meetings_of(
            "Published: 2024-01-10\n\nPresident Cyril Ramaphosa will on Friday, 12 January 2024, receive President Recep Tayyip Erdogan at the Union Buildings."
        )
        .is_empty()
    );
}

#[test]
fn first_person_readouts_take_the_writer_as_a_side() {
    assert_eq!(
        meetings_of(
            "Statement\nJustin Trudeau, Prime Minister of Canada\nMarch 4, 2024\n\nToday I spoke with President Joe Biden about the border, the fentanyl crisis and the trade corridor that links our two economies."
        ),
        ["2024-03-04 Justin Trudeau>Joe Biden phone_call @-"]
    );
}

#[test]
fn places_from_venues_visits_and_what_the_text_rules_out() {
    // "outside Moscow" is not Moscow, though the dateline is.
    assert_eq!(
        meetings_of(
            "Updated: 2024-07-08\n\nMOSCOW, July 8 (Reuters) - Russian President Vladimir Putin hosted Indian Prime Minister Narendra Modi for dinner talks at a residence outside Moscow on Monday."
        ),
        ["2024-07-08 Vladimir Putin>Narendra Modi talks @-"]
    );
    // A visit told in the sentence before places the talks.
    assert_eq!(
        meetings_of(
            "Updated: 2024-04-23\n\nPresident Recep Tayyip Erdogan arrived in Baghdad on Monday for a two-day visit. He held talks with Iraqi Prime Minister Mohammed Shia al-Sudani on Monday."
        ),
        ["2024-04-22 Recep Tayyip Erdogan>Mohammed Shia al-Sudani talks @Baghdad"]
    );
    // A venue named after another city is not in it.
    assert_eq!(
        meetings_of(
            "Updated: 2025-01-25\n\nPrime Minister Narendra Modi held talks with President Prabowo Subianto at Hyderabad House in New Delhi on Saturday."
        ),
        ["2025-01-25 Narendra Modi>Prabowo Subianto talks @New Delhi"]
    );
    // "Later, the PM met …" goes on with the visit, and "the PM" is the one named before.
    assert_eq!(
        meetings_of(
            "Updated: 2024-11-11\n\nPrime Minister Shehbaz Sharif met Crown Prince Mohammed bin Salman in Riyadh on Monday. Later, the PM met President Abdel Fattah al-Sisi, and the two leaders discussed trade."
        ),
        [
            "2024-11-11 Shehbaz Sharif>Mohammed bin Salman meeting @Riyadh",
            "2024-11-11 Shehbaz Sharif>Abdel Fattah al-Sisi meeting @Riyadh"
        ]
    );
}

#[test]
fn joint_activities_and_datelines_that_write_the_day_first() {
    assert_eq!(
        meetings_of(
            "Updated: 2019-02-16\n\nSOCHI, February 16. /TASS/. Vladimir Putin and Alexander Lukashenko played ice hockey together on Saturday."
        ),
        ["2019-02-16 Vladimir Putin>Alexander Lukashenko other @Sochi"]
    );
    // 09/01/2025 is 9 January here: the dateline says Jan 9.
    assert_eq!(
        meetings_of(
            "09/01/2025 06:13 PM\n\nKUALA LUMPUR, Jan 9 (Bernama) -- Prime Minister Anwar Ibrahim met Singapore Prime Minister Lawrence Wong here today."
        ),
        ["2025-01-09 Anwar Ibrahim>Lawrence Wong meeting @Kuala Lumpur"]
    );
}

/// Each side of each meeting as `name (country)`.
fn sides_of(text: &str) -> Vec<String> {
    let article = Article::from_bytes("t.txt", text.as_bytes()).expect("valid text");
    meetings::extract(&article, Gazetteer::builtin())
        .into_iter()
        .flat_map(|m| {
            std::iter::once(m.leader)
                .chain(m.counterparts)
                .map(|p| format!("{} ({})", p.name, p.country.unwrap_or_default()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn heads_of_international_organisations_take_part_for_them() {
    assert_eq!(
        sides_of(
            "Updated: 2023-11-08\n\nTurkish President Recep Tayyip Erdogan held a phone call with UN Secretary-General Antonio Guterres on Wednesday."
        ),
        [
            "Recep Tayyip Erdogan (Turkiye)",
            "Antonio Guterres (United Nations)"
        ]
    );
    assert_eq!(
        sides_of(
            "Updated: 2025-04-10\n\nKristalina Georgieva, Managing Director of the IMF, met President Javier Milei of Argentina in Washington on Thursday."
        ),
        ["Kristalina Georgieva (IMF)", "Javier Milei (Argentina)"]
    );
    // The office before the name, with "of".
    assert_eq!(
        sides_of(
            "Updated: 2025-02-06\n\nSecretary General of NATO Mark Rutte met Prime Minister Kyriakos Mitsotakis in Brussels on Thursday."
        ),
        ["Mark Rutte (NATO)", "Kyriakos Mitsotakis (Greece)"]
    );
}

#[test]
fn passive_phrasings_make_the_host_or_caller_the_leader() {
    // Two leaders of neither China nor the corpus's focus: the leader is who acts.
    assert_eq!(
        meetings_of(
            "Updated: 2024-09-24\n\nRIYADH -- Crown Prince Mohammed bin Salman received a phone call today from President Vladimir Putin of Russia."
        ),
        ["2024-09-24 Vladimir Putin>Mohammed bin Salman phone_call @-"]
    );
    assert_eq!(
        meetings_of(
            "Updated: 2024-04-22\n\nIraqi Prime Minister Mohammed Shia al-Sudani was received by President Recep Tayyip Erdogan in Ankara on Monday."
        ),
        ["2024-04-22 Recep Tayyip Erdogan>Mohammed Shia al-Sudani meeting @Ankara"]
    );
}

#[test]
fn a_person_named_alone_acts_in_the_office_held_that_day() {
    // Rutte heads NATO from October 2024; before, he was the Dutch prime minister.
    assert_eq!(
        sides_of(
            "Updated: 2025-02-06\n\nMark Rutte met Prime Minister Kyriakos Mitsotakis in Brussels on Thursday."
        ),
        ["Mark Rutte (NATO)", "Kyriakos Mitsotakis (Greece)"]
    );
    assert_eq!(
        sides_of(
            "Updated: 2023-02-06\n\nMark Rutte met Prime Minister Kyriakos Mitsotakis in Brussels on Monday."
        ),
        ["Mark Rutte (Netherlands)", "Kyriakos Mitsotakis (Greece)"]
    );
}

#[test]
fn without_a_date_an_office_resolves_only_when_one_person_held_it_throughout() {
    // (Each side as "name (country)".)
    // Rahmon has been president of Tajikistan since before 2000: no date is needed.
    assert_eq!(
        meetings_of(
            "Leaders meet\n\nDUSHANBE -- Chinese Foreign Minister Wang Yi met the Tajik president on the sidelines of the forum."
        ),
        ["- Wang Yi>Emomali Rahmon meeting @Dushanbe"]
    );
    // Kazakhstan had two presidents since 2000: without a date, nobody is guessed, but the
    // meeting with the office is still a meeting, its name left empty.
    assert_eq!(
        sides_of(
            "Leaders meet\n\nASTANA -- Chinese Foreign Minister Wang Yi met the Kazakh president on the sidelines of the forum."
        ),
        ["Wang Yi (China)", " (Kazakhstan)"]
    );
}

#[test]
fn a_plural_office_names_both_holders_on_the_day() {
    assert_eq!(
        meetings_of(
            "Updated: 2024-07-04\n\nASTANA -- Chinese President Xi Jinping met the Presidents of Tajikistan and Kyrgyzstan in Astana on Thursday."
        ),
        [
            "2024-07-04 Xi Jinping>Emomali Rahmon meeting @Astana",
            "2024-07-04 Xi Jinping>Sadyr Japarov meeting @Astana"
        ]
    );
}
