//! The little the matcher knows of each language besides its stemmer:
//! function words to ignore and number words to read as digits.

/// A number said in words as its digits, so that "at eleven" meets
/// "11:00": the times and counts options turn on. From two, since "one"
/// and "одна" are as often pronouns ("the one", "одна из").
pub(super) fn number(word: &str) -> Option<&'static str> {
    const EN: [&str; 19] = [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const DIGITS: [&str; 19] = [
        "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17",
        "18", "19", "20",
    ];
    // Russian numerals decline: the root, then the endings of their cases.
    const RU: [(&str, &[&str]); 19] = [
        ("дв", &["а", "е", "ух", "ум", "умя"]),
        ("тр", &["и", "ех", "ем", "емя"]),
        ("четыр", &["е", "ех", "ем", "ьмя"]),
        ("пят", &["ь", "и", "ью"]),
        ("шест", &["ь", "и", "ью"]),
        ("сем", &["ь", "и", "ью"]),
        ("восем", &["ь", "ью"]),
        ("восьм", &["и", "ью"]),
        ("девят", &["ь", "и", "ью"]),
        ("десят", &["ь", "и", "ью"]),
        ("одиннадцат", &["ь", "и", "ью"]),
        ("двенадцат", &["ь", "и", "ью"]),
        ("тринадцат", &["ь", "и", "ью"]),
        ("четырнадцат", &["ь", "и", "ью"]),
        ("пятнадцат", &["ь", "и", "ью"]),
        ("шестнадцат", &["ь", "и", "ью"]),
        ("семнадцат", &["ь", "и", "ью"]),
        ("восемнадцат", &["ь", "и", "ью"]),
        ("двадцат", &["ь", "и", "ью"]),
    ];
    const RU_DIGITS: [&str; 19] = [
        "2", "3", "4", "5", "6", "7", "8", "8", "9", "10", "11", "12", "13", "14", "15", "16",
        "17", "18", "20",
    ];
    if let Some(i) = EN.iter().position(|w| *w == word) {
        return Some(DIGITS[i]);
    }
    RU.iter().zip(RU_DIGITS).find_map(|((root, ends), d)| {
        let end = word.strip_prefix(root)?;
        ends.contains(&end).then_some(d)
    })
}

/// Function words of either language: they say nothing about which option
/// was meant, and left in they would make any answer "match" something.
/// Negations ("not", "не", "нет") stay: they change what was meant.
pub(super) fn is_stopword(word: &str) -> bool {
    const EN: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "if", "so", "of", "to", "in", "on", "at", "by",
        "for", "with", "from", "as", "into", "is", "are", "was", "were", "be", "been", "being",
        "am", "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "my",
        "your", "his", "its", "our", "their", "this", "that", "these", "those", "there", "here",
        "do", "does", "did", "have", "has", "had", "will", "would", "shall", "should", "can",
        "could", "may", "might", "must", "just", "then", "than", "too", "very", "also", "which",
        "who", "whom", "oh", "ok", "okay", "well", "um", "uh", "s", "d", "ll",
    ];
    const RU: &[&str] = &[
        "и",
        "в",
        "во",
        "на",
        "я",
        "с",
        "со",
        "что",
        "как",
        "а",
        "то",
        "так",
        "но",
        "да",
        "ты",
        "к",
        "ко",
        "у",
        "же",
        "вы",
        "за",
        "бы",
        "по",
        "ее",
        "мне",
        "вот",
        "от",
        "меня",
        "о",
        "об",
        "из",
        "ему",
        "ну",
        "ли",
        "или",
        "ни",
        "до",
        "вас",
        "вам",
        "ведь",
        "там",
        "они",
        "он",
        "она",
        "оно",
        "его",
        "ей",
        "тут",
        "для",
        "мы",
        "тебя",
        "тебе",
        "их",
        "чем",
        "чтобы",
        "чтоб",
        "это",
        "этот",
        "эта",
        "эти",
        "этого",
        "этом",
        "том",
        "тот",
        "те",
        "нас",
        "нам",
        "им",
        "мой",
        "моя",
        "мою",
        "мои",
        "ваш",
        "ваша",
        "вашу",
        "ваши",
        "вашей",
        "вашего",
        "наш",
        "наша",
        "нашу",
        "наши",
        "нашей",
        "нашего",
        "ж",
        "уж",
        "б",
        "ой",
        "ах",
        "эм",
        "при",
        "про",
        "над",
        "под",
    ];
    EN.contains(&word) || RU.contains(&word)
}
