/// Reads a match answer: a letter for each number, as `1b 2a 3c`, `1b,2a,3c`, `1-b 2-a`
/// or, in order, `b a c` / `bac`.
public enum MatchParser {
  /// The letter shown for a right-hand side: a...z, then aa, ab, ...
  public static func letter(_ index: Int) -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
    if index < 26 { return String(alphabet[index]) }
    return String(alphabet[(index / 26 - 1) % 26]) + String(alphabet[index % 26])
  }

  static func index(ofLetter letters: String) -> Int? {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
    let chars = Array(letters)
    guard let last = chars.last.flatMap({ alphabet.firstIndex(of: $0) }) else { return nil }
    if chars.count == 1 { return last }
    guard chars.count == 2, let first = alphabet.firstIndex(of: chars[0]) else { return nil }
    return (first + 1) * 26 + last
  }

  public static func example(_ count: Int) -> String {
    let n = min(count, 3)
    return (0..<n).map { "\($0 + 1)\(letter((($0 + 1) % n)))" }.joined(separator: " ")
  }

  private enum Token: Equatable {
    case number(Int)
    case letters(String)
  }

  static func parse(_ text: String, count: Int) -> Result<[Int: Int], InputProblem> {
    // Nothing to match (no course builds such a prompt): refused, never the range 1...0
    // (found by make fuzz).
    guard count >= 1 else { return .failure(InputProblem("There is nothing to match here.")) }
    let help = "Type a letter for each number 1 to \(count), e.g. \(example(count))."
    var tokens: [Token] = []
    var run = ""
    var runIsDigits = false
    func endRun() -> Bool {
      guard !run.isEmpty else { return true }
      if runIsDigits {
        guard let n = Int(run) else { return false }
        tokens.append(.number(n))
      } else {
        tokens.append(.letters(run))
      }
      run = ""
      return true
    }
    for character in text.lowercased() {
      let isDigit = character.isASCII && character.isNumber
      let isLetter = character.isASCII && character.isLetter
      if isDigit || isLetter {
        if !run.isEmpty && runIsDigits != isDigit {
          guard endRun() else { return .failure(InputProblem(help)) }
        }
        runIsDigits = isDigit
        run.append(character)
      } else if " ,;-:=>.)\t".contains(character) {
        guard endRun() else { return .failure(InputProblem(help)) }
      } else {
        return .failure(InputProblem("Use only numbers and letters. " + help))
      }
    }
    guard endRun() else { return .failure(InputProblem(help)) }
    if tokens.isEmpty { return .failure(InputProblem(help)) }

    var pairs: [(Int, String)] = []
    if tokens.allSatisfy({ if case .letters = $0 { true } else { false } }) {
      // Letters only, in the order of the numbers: "b a c" or "bac".
      var letters: [String] = []
      for case .letters(let run) in tokens {
        if tokens.count == 1 && count <= 26 { letters += run.map(String.init) } else { letters.append(run) }
      }
      guard letters.count == count else { return .failure(InputProblem(help)) }
      pairs = letters.enumerated().map { ($0.offset + 1, $0.element) }
    } else {
      var i = 0
      while i < tokens.count {
        guard case .number(let n) = tokens[i], i + 1 < tokens.count, case .letters(let l) = tokens[i + 1]
        else {
          return .failure(InputProblem(help))
        }
        pairs.append((n, l))
        i += 2
      }
    }

    var result: [Int: Int] = [:]
    var used: [Int: Int] = [:]
    for (number, letters) in pairs {
      guard (1...count).contains(number) else {
        return .failure(InputProblem("There is no \(number) on the left: use numbers 1 to \(count)."))
      }
      guard let right = index(ofLetter: letters), right < count else {
        let shown = letters.count <= 3 ? "\"\(letters)\" is not" : "That is not"
        return .failure(InputProblem("\(shown) one of the letters a to \(letter(count - 1))."))
      }
      if result[number - 1] != nil {
        return .failure(InputProblem("\(number) has two letters: give each number one letter."))
      }
      if let other = used[right] {
        return .failure(
          InputProblem(
            "\(letter(right)) is used for both \(other) and \(number): each letter goes with one number."))
      }
      result[number - 1] = right
      used[right] = number
    }
    let missing = (0..<count).filter { result[$0] == nil }.map { String($0 + 1) }
    if !missing.isEmpty {
      return .failure(
        InputProblem("Give every number a letter; missing: \(missing.joined(separator: ", "))."))
    }
    return .success(result)
  }
}
