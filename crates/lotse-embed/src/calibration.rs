//! Calibration text for the int8 × int8 passage products ([`crate::vnni`]): passages of the
//! kinds lotse indexes (rules with §§, lists, tables flattened to text, dates and amounts, a
//! heading, a little English), written for this purpose. Only the largest |activation| per
//! channel is taken from them, which is a property of the model more than of the text.

pub(crate) const PASSAGES: &[&str] = &[
    "§ 4 Arbeitszeit (1) Die regelmäßige wöchentliche Arbeitszeit beträgt 39 Stunden. (2) Die Kernarbeitszeit liegt montags bis donnerstags zwischen 9:00 und 15:00 Uhr, freitags zwischen 9:00 und 12:00 Uhr. (3) Abweichungen bedürfen der Zustimmung der Amtsleitung.",
    "Anträge auf Erstattung von Fahrtkosten sind spätestens sechs Monate nach Ende der Dienstreise über das Formular RK-2 bei der Reisekostenstelle einzureichen. Belege sind im Original oder als Scan beizufügen; Beträge unter 5,00 EUR werden nicht erstattet.",
    "Wer darf KI-Dienste nutzen? Beschäftigte dürfen freigegebene Sprachmodelle für Entwürfe, Zusammenfassungen und Übersetzungen verwenden. Personenbezogene Daten, Verschlusssachen und Inhalte aus laufenden Verfahren dürfen nicht eingegeben werden.",
    "Tabelle 2: Gebühren für Auskünfte | Leistung | Gebühr | einfache Auskunft | 10 € | schriftliche Auskunft mit Recherche | 35 € | Abschrift je Seite | 0,50 € | Beglaubigung | 5 €",
    "Zuständigkeiten im Fachbereich 3 – Bürgerdienste: Meldewesen, Pass- und Ausweisangelegenheiten, Fundbüro, Gewerbeanmeldungen sowie die Ausgabe von Bewohnerparkausweisen für die Zonen A bis D.",
    "Der Winterdienst auf Gehwegen obliegt den Anliegern. Schnee ist werktags bis 7 Uhr, sonn- und feiertags bis 9 Uhr zu räumen; bei Glätte ist mit abstumpfenden Mitteln zu streuen, Salz ist nur an Treppen und Gefällestrecken erlaubt.",
    "Dienstvereinbarung über mobiles Arbeiten vom 1. März 2024 zwischen der Stadt Auenstett und dem Personalrat. Mobile work is possible for up to three days per week; the employer provides a laptop, a headset and VPN access.",
    "Datenschutz",
];
