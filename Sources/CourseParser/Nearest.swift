/// The number of single-character insertions, deletions and substitutions that turn one
/// text into the other (Levenshtein distance), ignoring case.
func editDistance(_ a: String, _ b: String) -> Int {
  editDistance(Array(a.lowercased()), Array(b.lowercased()))
}

private func editDistance(_ word: [Character], _ other: [Character]) -> Int {
  var previous = Array(0...other.count)
  for (i, a) in word.enumerated() {
    var current = [i + 1]
    for (j, b) in other.enumerated() {
      current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a == b ? 0 : 1)))
    }
    previous = current
  }
  return previous[other.count]
}

/// The name among `candidates` closest to `word` (Levenshtein distance, ignoring case).
///
/// On a tie, the one that shares the longest start with the word ('Bel' is a cut
/// 'Beliefs', not a changed 'Drill').
func nearest(to word: String, among candidates: [String]) -> String {
  let word = Array(word.lowercased())
  func shared(_ other: [Character]) -> Int { zip(word, other).prefix { $0 == $1 }.count }
  return candidates.min { a, b in
    let (x, y) = (Array(a.lowercased()), Array(b.lowercased()))
    return (editDistance(word, x), -shared(x)) < (editDistance(word, y), -shared(y))
  } ?? String(word)
}
