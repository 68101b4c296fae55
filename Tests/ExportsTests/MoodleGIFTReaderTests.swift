import Testing

/// The test's GIFT reader on examples written by hand from Moodle's GIFT documentation, so
/// that a round trip through it means something.
@Suite("The independent GIFT reader")
struct MoodleGIFTReaderTests {
  @Test("It reads the documentation's kinds of question")
  func documentedExamples() throws {
    let file = """
      // true-false
      ::Q1:: 1+1=2 {T}

      // [id:spectrum]
      ::Q2:: What's between orange and green in the spectrum?
      { =yellow # right; good! ~red # wrong, it's yellow ~blue # wrong, it's yellow }

      $CATEGORY: top/Animals//Food/Matching

      ::Q4:: Which animal eats which food? { =cat -> cat food =dog -> dog food =bird -> seeds }

      ::Q7:: Where was he from? {
      ~Jerusalem
      ~%25%Bethlehem
      ~%50%Galilee
      =Nazareth
      ####General feedback.
      }

      ::Escapes\\: all:: 1 + 2 \\= 3, \\{braces\\} and a \\\\ {=3 =three}

      Write a short essay. {}
      """
    let read = try MoodleGIFTReader.read(file)
    #expect(
      read.map(\.kind) == [
        .truefalse, .multichoice(single: true), .match, .multichoice(single: true), .shortanswer, .essay,
      ])
    #expect(read[0].name == "Q1")
    #expect(read[0].text == "1+1=2")
    #expect(read[1].idNumber == "spectrum")
    #expect(
      read[1].answers == [
        .init(text: "yellow", fraction: 1, feedback: "right; good!"),
        .init(text: "red", fraction: 0, feedback: "wrong, it's yellow"),
        .init(text: "blue", fraction: 0, feedback: "wrong, it's yellow"),
      ])
    #expect(read[2].category == ["top", "Animals/Food", "Matching"])
    #expect(read[2].pairs.map(\.left) == ["cat", "dog", "bird"])
    #expect(read[2].pairs.map(\.right) == ["cat food", "dog food", "seeds"])
    #expect(read[3].answers.map(\.fraction) == [0, 0.25, 0.5, 1])
    #expect(read[3].generalFeedback == "General feedback.")
    #expect(read[4].name == "Escapes: all")
    #expect(read[4].text == "1 + 2 = 3, {braces} and a \\")
    #expect(read[4].answers.map(\.text) == ["3", "three"])
    #expect(read[5].text == "Write a short essay.")
  }

  @Test(
    "It refuses what Moodle's importer refuses",
    arguments: [
      "::w:: Weights {~%33%a ~%33%b ~%34%c}",
      "::s:: Short of 100% {~%50%a ~%40%b ~c}",
      "::m:: Two pairs {=a -> b =c -> d}",
      "::o:: One choice {~a}",
      "::b:: An unclosed {=a",
      "::t:: Missing {=word} here",
    ])
  func refusals(_ file: String) {
    #expect(throws: MoodleGIFTReader.Failure.self) { try MoodleGIFTReader.read(file) }
  }

  @Test("An unescaped special character changes what Moodle reads")
  func unescapedCharacters() throws {
    // An unescaped `{` opens the answers early; escaped, it is text.
    #expect(throws: MoodleGIFTReader.Failure.self) {
      try MoodleGIFTReader.read("::q:: Is {it} right? {=yes ~no}")
    }
    let escaped = try MoodleGIFTReader.read("::q:: Is \\{it\\} right? {=yes ~no}")
    #expect(escaped.first?.text == "Is {it} right?")
    // An unescaped `#` starts the feedback.
    let hash = try MoodleGIFTReader.read("::q:: Pick {=#1 ~#2}")
    #expect(hash.first?.answers.map(\.text) == ["", ""])
  }
}
