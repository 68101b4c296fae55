import CourseModel
import Foundation

/// A question or belief item as an xAPI interaction: its definition, and how a recorded
/// answer reads in xAPI's response format for its interaction type.
struct Interaction {
  static let type = "http://adlnet.gov/expapi/activities/cmi.interaction"

  let definition: Definition
  /// The xAPI response for a recorded answer; `nil` when the answer cannot be read
  /// against the item as it is now.
  let response: (Recorded) -> String?

  /// What was recorded: a drill answer's text, or a belief answer.
  enum Recorded {
    case drill(String)
    case point(Int)
    case order([String])
  }

  /// A drill question: choice, fill-in, sequencing or matching, with the right answers
  /// as `correctResponsesPattern`.
  init(_ question: Question, language: String) {
    let name = [language: question.prompt]
    switch question.body {
    case .choice(let choices):
      let ids = Self.componentIDs(choices.map(\.text))
      definition = Definition(
        name: name, type: Self.type, interactionType: "choice",
        correctResponsesPattern: [
          choices.indices.filter { choices[$0].isCorrect }.map { ids[$0] }.joined(separator: "[,]")
        ],
        choices: zip(ids, choices).map { Component(id: $0, description: [language: $1.text]) })
      response = { recorded in
        guard case .drill(let text) = recorded, let picked = StoredResponse.choices(text, choices.map(\.text))
        else {
          return nil
        }
        return picked.map { ids[$0] }.joined(separator: "[,]")
      }
    case .short(let answers):
      definition = Definition(
        name: name, type: Self.type, interactionType: "fill-in", correctResponsesPattern: answers)
      response = { recorded in
        guard case .drill(let text) = recorded else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
      }
    case .order(let items):
      let ids = Self.componentIDs(items)
      definition = Definition(
        name: name, type: Self.type, interactionType: "sequencing",
        correctResponsesPattern: [ids.joined(separator: "[,]")],
        choices: zip(ids, items).map { Component(id: $0, description: [language: $1]) })
      response = { recorded in
        guard case .drill(let text) = recorded, let order = StoredResponse.order(text, items) else {
          return nil
        }
        return order.map { ids[$0] }.joined(separator: "[,]")
      }
    case .match(let pairs):
      let left = Self.componentIDs(pairs.map(\.left))
      let right = Self.componentIDs(pairs.map(\.right))
      definition = Definition(
        name: name, type: Self.type, interactionType: "matching",
        correctResponsesPattern: [
          pairs.indices.map { "\(left[$0])[.]\(right[$0])" }.joined(separator: "[,]")
        ],
        source: zip(left, pairs).map { Component(id: $0, description: [language: $1.left]) },
        target: zip(right, pairs).map { Component(id: $0, description: [language: $1.right]) })
      response = { recorded in
        guard case .drill(let text) = recorded, let given = StoredResponse.match(text, pairs) else {
          return nil
        }
        let matched = given.indices.compactMap { i in given[i].map { "\(left[i])[.]\(right[$0])" } }
        return matched.isEmpty ? nil : matched.joined(separator: "[,]")
      }
    }
  }

  /// A belief item: `likert` with its scale for Agree and Rate, `sequencing` for Rank,
  /// `long-fill-in` for Reflect. Never a correct response: any answer is right.
  init(_ item: BeliefItem, language: String) {
    let name = [language: item.prompt]
    switch item.body {
    case .agree, .rate:
      let labels = item.scale
      definition = Definition(
        name: name, type: Self.type, interactionType: "likert",
        scale: labels.indices.map { Component(id: "\($0 + 1)", description: [language: labels[$0]]) })
      response = { recorded in
        guard case .point(let point) = recorded, (1...labels.count).contains(point) else { return nil }
        return "\(point)"
      }
    case .rank(let items):
      let ids = Self.componentIDs(items)
      definition = Definition(
        name: name, type: Self.type, interactionType: "sequencing",
        choices: zip(ids, items).map { Component(id: $0, description: [language: $1]) })
      response = { recorded in
        guard case .order(let given) = recorded, given.count == items.count else { return nil }
        var used = Set<Int>()
        var order: [Int] = []
        for text in given {
          guard let index = items.indices.first(where: { !used.contains($0) && items[$0] == text }) else {
            return nil
          }
          used.insert(index)
          order.append(index)
        }
        return order.map { ids[$0] }.joined(separator: "[,]")
      }
    case .reflect:
      definition = Definition(name: name, type: Self.type, interactionType: "long-fill-in")
      response = { _ in nil }
    }
  }

  /// A creed statement a learner may write a note on.
  init(statement: Creed.Statement, language: String) {
    definition = Definition(
      name: [language: statement.text], type: Self.type, interactionType: "long-fill-in")
    response = { _ in nil }
  }

  /// Component ids from texts: lowercase ASCII words joined by `-` (accents dropped), at
  /// most 48 characters (whole words where the words allow), made distinct with `-2`, `-3`...; `n` (the 1-based position)
  /// for a text with no letter or digit.
  static func componentIDs(_ texts: [String]) -> [String] {
    var seen = Set<String>()
    return texts.enumerated().map { index, text in
      let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
      var slug = ""
      var dash = false
      for scalar in folded.unicodeScalars {
        if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
          if dash && !slug.isEmpty { slug += "-" }
          slug.unicodeScalars.append(scalar)
          dash = false
        } else {
          dash = true
        }
      }
      if slug.count > 48 {
        // Cut at the end of a word where one ends within the limit.
        let head = slug.prefix(49)
        slug = String(head.lastIndex(of: "-").map { head[..<$0] } ?? slug.prefix(48))
      }
      if slug.isEmpty { slug = "\(index + 1)" }
      var id = slug
      var n = 2
      while seen.contains(id) {
        id = "\(slug)-\(n)"
        n += 1
      }
      seen.insert(id)
      return id
    }
  }
}
