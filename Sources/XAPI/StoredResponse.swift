import CourseModel

/// Reads a drill answer as stores keep it (the texts of what was picked, in the course's
/// words) back into positions, against the question as it is now. `nil` when the text
/// does not fit the question (it answered an earlier version).
enum StoredResponse {
  /// Choices: the picked choices' texts in the course's order, joined by ` | `.
  static func choices(_ text: String, _ choices: [String]) -> [Int]? {
    guard !text.isEmpty else { return nil }
    func read(_ rest: Substring, from next: Int) -> [Int]? {
      for index in next..<choices.count {
        let choice = choices[index]
        guard !choice.isEmpty, rest.hasPrefix(choice) else { continue }
        let after = rest.dropFirst(choice.count)
        if after.isEmpty { return [index] }
        if after.hasPrefix(" | "), let more = read(after.dropFirst(3), from: index + 1) {
          return [index] + more
        }
      }
      return nil
    }
    return read(text[...], from: 0)
  }

  /// Order: every item's text in the learner's order, joined by ` > `.
  static func order(_ text: String, _ items: [String]) -> [Int]? {
    func read(_ rest: Substring, used: Set<Int>) -> [Int]? {
      for index in items.indices where !used.contains(index) {
        let item = items[index]
        guard !item.isEmpty, rest.hasPrefix(item) else { continue }
        let after = rest.dropFirst(item.count)
        if used.count + 1 == items.count {
          if after.isEmpty { return [index] }
          continue
        }
        if after.hasPrefix(" > "), let more = read(after.dropFirst(3), used: used.union([index])) {
          return [index] + more
        }
      }
      return nil
    }
    return items.isEmpty ? nil : read(text[...], used: [])
  }

  /// Match: for each pair in the course's order, `left -> right` (the right side the
  /// learner gave, empty for none), joined by `; `. Returns each left's right side.
  static func match(_ text: String, _ pairs: [MatchPair]) -> [Int?]? {
    func read(_ rest: Substring, at i: Int) -> [Int?]? {
      if i == pairs.count { return rest.isEmpty ? [] : nil }
      let separator = i == 0 ? "" : "; "
      let head = separator + pairs[i].left + " -> "
      guard rest.hasPrefix(head) else { return nil }
      let after = rest.dropFirst(head.count)
      for index in pairs.indices {
        let right = pairs[index].right
        guard !right.isEmpty, after.hasPrefix(right) else { continue }
        if let more = read(after.dropFirst(right.count), at: i + 1) { return [index] + more }
      }
      if let more = read(after, at: i + 1) { return [nil] + more }
      return nil
    }
    return pairs.isEmpty ? nil : read(text[...], at: 0)
  }
}
