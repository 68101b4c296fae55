import CourseModel
import Foundation
import Testing

@testable import CourseParser

/// Near-misses (almost a section kind, an item, a hint, an id or a question), text that
/// learners would see as written, authoring advice, unsafe characters and front matter:
/// each rule has one broken module and the one diagnostic it gives.
@Suite("Near-misses")
struct NearMissTests {
  static let drill = "# M\n\n## Drill: D\n\n"
  static let beliefs = "# M\n\n## Beliefs: B\n\n"

  static let modules: [BrokenModule] = [
    // Almost a section kind.
    BrokenModule(
      name: "a kind word without its colon, over answer marks, is an error at the heading",
      module: "# M\n\n## Drill Policy check\n\n### Which?\n\n- [x] A\n- [ ] B\n",
      expected: "01-module.md:3:1: error:", message: "'Drill' has no colon after it",
      notes: ["01-module.md:7:3: note: shown to learners as text"], fix: "## Drill: Policy check"),
    BrokenModule(
      name: "a kind word and a dash, over an Answer: line, is an error",
      module: "# M\n\n## Drill - Policy check\n\n### Which?\n\nAnswer: yes\n",
      expected: "01-module.md:3:1: error:", message: "learners would see an 'Answer:' line on line 7 as text",
      notes: ["01-module.md:7:1: note: shown to learners as text"], fix: "## Drill: Policy check"),
    BrokenModule(
      name: "a kind word and a dash without answer syntax is a warning",
      module: "# M\n\n## Creed - Our promise\n\nWe listen.\n",
      expected: "01-module.md:3:1: warning:", message: "'Creed' has no colon after it",
      fix: "## Creed: Our promise"),
    BrokenModule(
      name:
        "a title that starts with a kind word and shows no items is left alone as a lesson, unless it has items",
      module: "# M\n\n## Beliefs where you stand\n\n### Agree: Service matters\n",
      expected: "01-module.md:3:1: warning:", message: "did you mean '## Beliefs: where you stand'?"),
    BrokenModule(
      name: "a misspelt kind over answer marks is an error, not a warning",
      module: "# M\n\n## Dril: Hot\n\n### Q\n\n- [x] A\n- [ ] B\n",
      expected: "01-module.md:3:1: error:", message: "'Dril:' is not a section kind",
      notes: ["01-module.md:7:3: note: shown to learners as text"], fix: "## Drill: Hot"),
    BrokenModule(
      name: "an item kind at '## ' says items are '### ' headings",
      module: "# M\n\n## Agree: Service matters\n",
      expected: "01-module.md:3:1: warning:", message: "'Agree:' starts an item, not a section",
      fix: "### Agree: Service matters"),
    // Almost a heading.
    BrokenModule(
      name: "'###Order:' without a space in a drill's introduction",
      module: drill + "###Order: Steps\n\n1. a\n2. b\n\n### Q\n\nAnswer: a\n",
      expected: "01-module.md:5:1: warning:", message: "'###Order:' is read as text, not a heading",
      fix: "### Order: Steps"),
    BrokenModule(
      name: "'###Order:' without a space as a drill's only question",
      module: drill + "###Order: Steps\n\n1. a\n2. b\n",
      expected: "01-module.md:3:1: error:",
      message:
        "the drill has no questions: add '### ' questions with answers ('###Order:' on line 5 needs a space"),
    BrokenModule(
      name: "'###' without a space after a question's answers",
      module: drill + "### Q\n\nAnswer: a\n\n###Next question\n",
      expected: "01-module.md:9:1: error:", message: "'###Next' is read as text after the answers",
      notes: ["01-module.md:5:1: note: the question"], fix: "### Next question"),
    BrokenModule(
      name: "a question at '####' after the answers", module: drill + "### Q\n\nAnswer: a\n\n#### Next\n",
      expected: "01-module.md:9:1: error:",
      message: "a '#### ' heading is read as part of the question above",
      notes: ["01-module.md:5:1: note: the question"]),
    BrokenModule(
      name: "a belief item at '####'", module: beliefs + "### Agree: One\n\n#### Agree: Two\n",
      expected: "01-module.md:7:1: warning:", message: "'#### Agree:' is read as part of the item above"),
    BrokenModule(
      name: "a module title without its space", module: "#Welcome\n\n## Lesson: L\n",
      expected: "01-module.md:1:1: error:", message: "'#Welcome' is read as text", fix: "# Welcome"),
    BrokenModule(
      name: "an item kind in a lesson is a subheading",
      module: "# M\n\n## Lesson: L\n\n### Agree: Service matters\n",
      expected: "01-module.md:5:1: warning:", message: "'Agree:' in a lesson is a subheading"),
    // Almost an id.
    BrokenModule(
      name: "'{#id}' in the middle of a heading points at the braces",
      module: drill + "### Pick one {#pick} now\n\nAnswer: a\n",
      expected: "01-module.md:5:14: warning:", message: "'{#pick}' is not at the end of the heading"),
    BrokenModule(
      name: "'{ #id }' with spaces is not an id", module: "# M\n\n## Lesson: L { #intro }\n",
      expected: "01-module.md:3:14: warning:", message: "'{ #intro }' is not read as an id", fix: "{#intro}"),
    BrokenModule(
      name: "'{#id}' on the module title is not its id", module: "# Welcome {#welcome}\n",
      expected: "01-module.md:1:11: warning:", message: "set it in the settings at the top, 'id: welcome'"),
    BrokenModule(
      name: "'{#id}' on a lesson subheading is shown", module: "# M\n\n## Lesson: L\n\n### Why {#why}\n",
      expected: "01-module.md:5:9: warning:", message: "on a lesson subheading is shown to learners"),
    BrokenModule(
      name: "an id in another tool's form, '{: #id}', at the end of a heading",
      module: drill + "### Pick one {: #pick}\n\nAnswer: a\n",
      expected: "01-module.md:5:14: warning:", message: "'{: #pick}' is not read as an id", fix: "{#pick}"),
    BrokenModule(
      name: "an id without its '#', '{pick}', at the end of a heading",
      module: drill + "### Pick one {pick}\n\nAnswer: a\n",
      expected: "01-module.md:5:14: warning:", message: "'{pick}' is not read as an id", fix: "{#pick}"),
    BrokenModule(
      name: "an id in square brackets, '[#pick]', at the end of a heading",
      module: drill + "### Pick one [#pick]\n\nAnswer: a\n",
      expected: "01-module.md:5:14: warning:", message: "'[#pick]' is not read as an id", fix: "{#pick}"),
    // A section kind written another way.
    BrokenModule(
      name: "a full-width colon after the kind, over answer marks",
      module: "# M\n\n## Drill\u{FF1A}Policy check\n\n### Which?\n\n- [x] A\n- [ ] B\n",
      expected: "01-module.md:3:1: error:",
      message: "'Drill' is followed by a full-width colon, which is not read as ':'",
      notes: ["01-module.md:7:3: note: shown to learners as text"], fix: "## Drill: Policy check"),
    BrokenModule(
      name: "a kind word alone as a heading, over answer marks",
      module: "# M\n\n## Drill\n\n### Which?\n\n- [x] A\n- [ ] B\n",
      expected: "01-module.md:3:1: error:", message: "'Drill' alone is a lesson's title, not a section kind",
      notes: ["01-module.md:7:3: note: shown to learners as text"]),
    BrokenModule(
      name: "a kind word alone as a lesson's title, with nothing of the kind, is left alone",
      module:
        "# M\n\n## Beliefs\n\nWhat we hold to be true.\n\n## Lesson: Next\n\nText.\n\n### Drill: Policy\n",
      expected: "01-module.md:11:1: warning:",
      message: "'### Drill:' is a subheading in a lesson, not a section",
      fix: "## Drill: Policy"),
    BrokenModule(
      name: "'###Order:' without a space after a question joins its list to the question",
      module: drill + "### Q\n\nAnswer: a\n\n###Order: Steps\n\n1. a\n2. b\n",
      expected: "01-module.md:9:1: error:",
      message: "'###Order:' is read as text, not a question, so its list joins",
      notes: ["01-module.md:5:1: note: the question"], fix: "### Order: Steps"),
    BrokenModule(
      name: "'> Facilitator note:' is not a facilitator note: learners see it",
      module: "# M\n\n## Lesson: L\n\nWords.\n\n> Facilitator note: ten minutes\n",
      expected: "01-module.md:7:3: error:", message: "'Facilitator note:' is not read as a facilitator note",
      fix: "Facilitator:"),
    BrokenModule(
      name: "'### Ordering:' over a plain list names Order:",
      module: drill + "### Ordering: Steps\n\n1. a\n2. b\n",
      expected: "01-module.md:5:1: error:", message: "'Ordering:' is not a question kind"),
    BrokenModule(
      name: "'{#id }' with a space inside the braces is read as the id, with a warning",
      module: drill + "### Pick one {#pick }\n\nAnswer: a\n",
      expected: "01-module.md:5:1: warning:",
      message: "'{#pick }' has a space inside the braces: write '{#pick}'"),
    BrokenModule(
      name: "an empty Rank item points at its line",
      module: beliefs + "### Rank: What matters most\n\n1. Speed\n2. Care\n3.\n4. Price\n",
      expected: "01-module.md:9:1: error:", message: "Rank item 3 has no text",
      notes: ["01-module.md:5:1: note: the item"]),
    BrokenModule(
      name: "an empty Match item points at its line",
      module: drill + "### Match: Pair them\n\n- a -> b\n-\n- c -> d\n",
      expected: "01-module.md:8:1: error:", message: "match item 2 has no text",
      notes: ["01-module.md:5:1: note: the question"]),
    // Almost a hint, a question, an answer.
    BrokenModule(
      name: "task-list marks inside a '> Hint:' are an error (a learner asking for a hint sees the key)",
      module: drill + "### Q\n\n> Hint: pick\n> - [x] this one\n\nAnswer: a\n",
      expected: "01-module.md:8:5: error:", message: "'[x]' marks in a hint"),
    BrokenModule(
      name: "an 'Answer:' line inside a '> Hint:' is an error",
      module: drill + "### Q\n\n> Hint: think\n>\n> Answer: call once\n\nAnswer: a\n",
      expected: "01-module.md:9:3: error:", message: "an 'Answer:' line in a hint"),
    BrokenModule(
      name: "'> Hint -' is not a hint: the quote is shown with the question",
      module: drill + "### Q\n\n> Hint - think of the phone\n\nAnswer: a\n",
      expected: "01-module.md:7:3: warning:", message: "'Hint -' is not read as a hint", fix: "Hint:"),
    BrokenModule(
      name: "'> Hints:' is not a hint", module: drill + "### Q\n\nAnswer: a\n\n> Hints: think\n",
      expected: "01-module.md:9:3: warning:", message: "'Hints:' is not read as a hint", fix: "Hint:"),
    BrokenModule(
      name: "'> Facilitator -' is not a facilitator note: learners see it",
      module: "# M\n\n## Lesson: L\n\nWords.\n\n> Facilitator - ten minutes\n",
      expected: "01-module.md:7:3: error:", message: "'Facilitator -' is not read as a facilitator note",
      fix: "Facilitator:"),
    BrokenModule(
      name: "'### Order Steps' without its colon over a plain list names the Order: heading",
      module: drill + "### Order Steps to take\n\n1. a\n2. b\n",
      expected: "01-module.md:5:1: error:", message: "'Order' has no colon after it",
      fix: "### Order: Steps to take"),
    BrokenModule(
      name: "'### Match - Pairs' without its colon names the Match: heading",
      module: drill + "### Match - Pair them\n\n- a -> b\n- c -> d\n",
      expected: "01-module.md:5:1: error:", message: "'Match' has no colon after it",
      fix: "### Match: Pair them"),
    BrokenModule(
      name: "'### Agree Service' without its colon in a belief section names the Agree: heading",
      module: beliefs + "### Agree Service is everyone's job\n",
      expected: "01-module.md:5:1: error:", message: "'Agree' has no colon after it",
      fix: "### Agree: Service is everyone's job"),
    BrokenModule(
      name: "the only answers inside a '> ' quote point at the quote",
      module: drill + "### Q\n\n> Answer: call once\n",
      expected: "01-module.md:7:1: error:", message: "an 'Answer:' line inside a '> ' quote is read as text",
      notes: ["01-module.md:5:1: note: the question"]),
    BrokenModule(
      name: "'Hint:' as a plain paragraph is shown to everyone",
      module: drill + "### Q\n\nHint: think\n\nAnswer: a\n",
      expected: "01-module.md:7:1: warning:", message: "a 'Hint:' written as a plain paragraph", fix: "> "),
    BrokenModule(
      name: "'Hint:' as a plain paragraph after the answers",
      module: drill + "### Q\n\nAnswer: a\n\nHint: think\n",
      expected: "01-module.md:9:1: error:", message: "a 'Hint:' after the answers must be a block quote",
      notes: ["01-module.md:5:1: note: the question"]),
    BrokenModule(
      name: "a task list without a space after '-'", module: drill + "### Q\n\n-[x] a\n-[ ] b\n",
      expected: "01-module.md:7:1: error:", message: "'-[x]' is read as text: put a space after the '-'"),
    BrokenModule(
      name: "'Answers:' is not 'Answer:'", module: drill + "### Q\n\nAnswers: a | b\n",
      expected: "01-module.md:7:1: error:", message: "'Answers:' is read as text", fix: "Answer:"),
    BrokenModule(
      name: "'Answer -' is not 'Answer:'", module: drill + "### Q\n\nAnswer - a\n",
      expected: "01-module.md:7:1: error:", message: "'Answer -' is read as text"),
    BrokenModule(
      name: "a choice mark with spaces in it points at the choice",
      module: drill + "### Q\n\n- [x] a\n- [ x ] b\n",
      expected: "01-module.md:8:3: error:", message: "'[ x ]' is not a choice mark",
      notes: ["01-module.md:5:1: note: the question"], fix: "[x]"),
    BrokenModule(
      name: "a Match written with '=>'", module: drill + "### Match: M\n\n- a -> b\n- c => d\n",
      expected: "01-module.md:8:5: error:", message: "write '->' (a hyphen and '>') where '=>' is",
      notes: ["01-module.md:5:1: note: the question"], fix: "->"),
    BrokenModule(
      name: "a misspelt Order: over a plain list", module: drill + "### Ordr: Steps\n\n1. a\n2. b\n",
      expected: "01-module.md:5:1: error:",
      message: "'Ordr:' is not a question kind, so the list is read as choices"),
    BrokenModule(
      name: "a misspelt Match: over a good choice list is a warning",
      module: drill + "### Mach: Which?\n\n- [x] a\n- [ ] b\n  No.\n",
      expected: "01-module.md:5:1: warning:", message: "did you mean 'Match:'?"),
    BrokenModule(
      name: "a belief item in a drill", module: drill + "### Agree: Service matters\n",
      expected: "01-module.md:5:1: error:", message: "'Agree:' starts a belief item"),
    BrokenModule(
      name: "an Order question in a belief section", module: beliefs + "### Order: Steps\n\n- a\n- b\n",
      expected: "01-module.md:5:1: error:", message: "to ask for a personal order here, use 'Rank:'"),
    BrokenModule(
      name: "a choice question in a belief section", module: beliefs + "### Which?\n\n- [x] a\n- [ ] b\n",
      expected: "01-module.md:5:1: error:", message: "this one has '[x]' marks (on line 7)"),
    // Answer syntax learners would see as text.
    BrokenModule(
      name: "answer marks in a lesson", module: "# M\n\n## Lesson: L\n\n- [x] a\n- [ ] b\n",
      expected: "01-module.md:5:3: error:", message: "'[x]' marks in a lesson are shown to learners as text"),
    BrokenModule(
      name: "an Answer: line in a lesson", module: "# M\n\n## Lesson: L\n\nAnswer: yes\n",
      expected: "01-module.md:5:1: error:",
      message: "an 'Answer:' line in a lesson is shown to learners as text"),
    BrokenModule(
      name: "answer marks in the overview", module: "# M\n\n- [ ] a\n- [x] b\n",
      expected: "01-module.md:3:3: error:", message: "'[ ]' marks in the module overview"),
    BrokenModule(
      name: "answer marks in a drill's introduction", module: drill + "- [x] a\n\n### Q\n\nAnswer: a\n",
      expected: "01-module.md:5:3: error:", message: "in the drill's introduction"),
    BrokenModule(
      name: "an Answer: line in an Order question's scenario",
      module: drill + "### Order: O\n\nAnswer: b\n\n1. a\n2. b\n",
      expected: "01-module.md:7:1: error:", message: "in the question's text"),
    BrokenModule(
      name: "answer marks in a block quote explanation", module: drill + "### Q\n\nAnswer: a\n\n> - [x] a\n",
      expected: "01-module.md:9:5: error:", message: "in the question's text"),
    BrokenModule(
      name: "answer marks in a belief item", module: beliefs + "### Rank: R\n\n- [x] a\n- [ ] b\n",
      expected: "01-module.md:7:3: error:", message: "'[x]' marks in a belief item"),
    BrokenModule(
      name: "answer marks on Order items", module: drill + "### Order: O\n\n1. [x] a\n2. b\n",
      expected: "01-module.md:7:4: error:", message: "Order items take no '[x]' marks"),
    BrokenModule(
      name: "answer marks in a creed", module: "# M\n\n## Creed: C\n\n- [x] We listen.\n",
      expected: "01-module.md:5:3: error:", message: "'[x]' marks in a creed"),
    BrokenModule(
      name: "a Facilitator: paragraph is shown",
      module: "# M\n\n## Lesson: L\n\nFacilitator: ask the room.\n",
      expected: "01-module.md:5:1: error:", message: "a 'Facilitator:' paragraph is shown to learners",
      fix: "> "),
    // Authoring advice.
    BrokenModule(
      name: "a wrong choice without feedback", module: drill + "### Q\n\n- [x] a\n- [ ] b\n",
      expected: "01-module.md:8:3: warning:", message: "this wrong choice has no feedback"),
    BrokenModule(
      name: "'All of the above'",
      module: drill + "### Q\n\n- [x] a\n- [ ] b\n  No.\n- [ ] All of the above\n",
      expected: "01-module.md:10:3: warning:", message: "'All of the above' does not work"),
    BrokenModule(
      name: "'None of THESE', the other ending",
      module: drill + "### Q\n\n- [x] a\n- [ ] b\n  No.\n- [ ] None of THESE\n  No.\n",
      expected: "01-module.md:10:3: warning:", message: "'None of THESE' does not work"),
    BrokenModule(
      name: "every choice marked right", module: drill + "### Q\n\n- [x] a\n- [x] b\n",
      expected: "01-module.md:7:1: warning:", message: "every choice is marked right"),
    BrokenModule(
      name: "a lesson past 20 minutes of reading",
      module: "# M\n\n## Lesson: Long\n\n" + String(repeating: "word ", count: 4_001) + "\n",
      expected: "01-module.md:3:1: warning:", message: "this lesson has 4001 words"),
    // Before and after.
    BrokenModule(
      name: "a later statement with a new id and the same text",
      module: beliefs
        + "### Agree: Complaints are gifts {#pre}\n\n## Beliefs: C\n\n### Agree: Complaints are gifts. {#post}\n",
      expected: "01-module.md:9:34: warning:",
      message: "'post' is a new id, but the statement is the same as 'pre'",
      notes: ["01-module.md:5:1: note: 'pre' is asked here"], fix: "{#pre}"),
    BrokenModule(
      name: "a later statement with the same text and no id of its own is offered one",
      module: beliefs
        + "### Agree: Complaints are gifts {#pre}\n\n## Beliefs: C\n\n### Agree: Complaints are gifts.\n",
      expected: "01-module.md:9:33: warning:",
      message: "is a new id, but the statement is the same as 'pre'",
      notes: ["01-module.md:5:1: note: 'pre' is asked here"], fix: " {#pre}"),
    // Characters a terminal acts on.
    BrokenModule(
      name: "an escape character", module: "# M\n\nText \u{1B}[2J here.\n",
      expected: "01-module.md:3:6: error:", message: "a control character (U+001B, escape)"),
    BrokenModule(
      name: "a C1 control character", module: "# M\n\nText \u{9B}2J here.\n",
      expected: "01-module.md:3:6: error:",
      message: "a control character (U+009B, control sequence introducer)"),
    BrokenModule(
      name: "a bidi override", module: "# M\n\nabc \u{202E}fed\n",
      expected: "01-module.md:3:5: error:",
      message: "a bidirectional override (U+202E, right-to-left override)"),
    BrokenModule(
      name: "a character reference to an escape", module: "# M\n\nText &#27;[2J here.\n",
      expected: "01-module.md:3:6: error:", message: "'&#27;' stands for a control character"),
    BrokenModule(
      name: "an escape spelt in a quoted YAML value", module: "---\nid: \"m\\e]0;x\\a\"\n---\n# M\n",
      expected: "01-module.md:2:5: error:", message: "'id' holds a control character (U+001B, escape)"),
    // Front matter.
    BrokenModule(
      name: "an unknown key names the nearest", module: "---\npas: 80\n---\n# M\n",
      expected: "01-module.md:2:1: warning:", message: "'pas' is not a setting; did you mean 'pass'?",
      fix: "pass"),
    BrokenModule(
      name: "a title in a module's settings", module: "---\ntitle: M\n---\n# M\n",
      expected: "01-module.md:2:1: warning:", message: "a module's title is its '# ' line"),
    BrokenModule(
      name: "an audience written as one piece of text",
      module: "---\naudience: manager, frontline\n---\n# M\n",
      expected: "01-module.md:2:11: error:", message: "'audience: manager, frontline' is one piece of text",
      fix: "[manager, frontline]"),
    BrokenModule(
      name: "an audience role one letter off", module: "---\naudience: [manger]\n---\n# M\n",
      expected: "01-module.md:2:12: error:", message: "did you mean 'manager'?", fix: "manager"),
    BrokenModule(
      name: "a tab in the settings", module: "---\nid: m\n\tpass: 70\n---\n# M\n",
      expected: "01-module.md:3:1: error:", message: "a tab in the settings"),
    BrokenModule(
      name: "a ': ' inside a value", module: "---\nid: Listening: well\n---\n# M\n",
      expected: "01-module.md:2:5: error:", message: "put the value in quotes, like id: \"Listening: well\"",
      fix: "\"Listening: well\""),
    BrokenModule(
      name: "a quote never closed", module: "---\nid: \"open\npass: 70\n---\n# M\n",
      expected: "01-module.md:2:5: error:", message: "the quote \" that starts this value is never closed"),
    BrokenModule(
      name: "a line that is not a setting", module: "---\nid: m\njust text\npass: 70\n---\n# M\n",
      expected: "01-module.md:3:1: error:", message: "'just text' is not a setting"),
    BrokenModule(
      name: "a setting given twice", module: "---\nid: a\nid: b\n---\n# M\n",
      expected: "01-module.md:3:1: error:", message: "'id' is set twice",
      notes: ["01-module.md:2:1: note: first set here"]),
    BrokenModule(
      name: "a value starting with '@'", module: "---\nid: @home\n---\n# M\n",
      expected: "01-module.md:2:5: error:", message: "a value cannot start with '@'"),
    BrokenModule(
      name: "an indented setting", module: "---\nid: m\n  pass: 70\n---\n# M\n",
      expected: "01-module.md:3:1: error:", message: "this setting is indented"),
    BrokenModule(
      name: "a quote inside a single-quoted value", module: "---\nid: 'it's'\n---\n# M\n",
      expected: "01-module.md:2:9: error:", message: "text after the closing quote"),
    BrokenModule(
      name: "a list where settings belong", module: "---\n- a\n- b\n---\n# M\n",
      expected: "01-module.md:2:1: error:", message: "the settings must be names and values"),
    BrokenModule(
      name: "settings below a blank line", module: "\n---\nid: m\n---\n# M\n",
      expected: "01-module.md:2:1: error:", message: "settings ('---') must start on the first line"),
  ]

  @Test("Each near-miss gets its one diagnostic at the line to edit", arguments: modules)
  func brokenModule(_ broken: BrokenModule) throws {
    try broken.check()
  }

  /// Words that look like the near-misses above, used as ordinary text.
  static let sound = [
    "# M\n\n## Lesson: L\n\n> Facilitator-led sessions are on Mondays.\n\n> Hint-free questions are fine too.\n",
    "# M\n\n## Lesson: L\n\n### Write the guest's name as {guest}\n\nWords.\n\n### Tag it `[#urgent]`\n\nMore.\n",
    "# M\n\n## Lesson: L\n\n### Ids look like `{#vip}`\n\nWords.\n",
    "# M\n\n## Lesson: A facilitator's guide\n\nFacilitators lead the room. Hints help.\n",
    "# M\n\n## Drill: D\n\n### Which is kind? {#kind}\n\n> Hint-free: think.\n\n- [x] Listen\n  Yes.\n- [ ] Argue\n  No.\n",
  ]

  @Test("Ordinary text that looks like a near-miss gets no diagnostic", arguments: sound)
  func soundModule(_ module: String) throws {
    let course = try TemporaryCourse(module: module)
    defer { course.remove() }
    let diagnostics = course.load().diagnostics.map { course.portable($0.description) }
    #expect(diagnostics.isEmpty, "\(diagnostics)")
  }

  @Test("A mistake in one file's settings causes no errors in the others")
  func noFollowOnErrors() throws {
    let broken = try TemporaryCourse(
      module: "---\naudience: [manager]\n---\n# M\n",
      courseFrontMatter: "roles: [frontline, manager\npass: 70")
    defer { broken.remove() }
    #expect(
      broken.diagnostics() == [
        "course.md:2:8: error: the list that starts with '[' here is not closed: end it with ']' on the same line, "
          + "like [frontline, manager]"
      ])
    let text = try TemporaryCourse(
      module: "---\naudience: [supervisor]\n---\n# M\n", courseFrontMatter: "roles: desk, supervisor")
    defer { text.remove() }
    #expect(
      text.diagnostics() == [
        "course.md:2:8: error: 'roles: desk, supervisor' is one piece of text, not a list: write roles: [desk, supervisor]"
      ])
  }

  @Test("Quoted course text in a message never carries a raw control character")
  func messagesAreSanitized() throws {
    let course = try TemporaryCourse(module: "# M\n\n## Drill: D\n\n### Q\n\n- [x] a\n- [\u{1B}] b\n")
    defer { course.remove() }
    let diagnostics = course.load().diagnostics
    #expect(!diagnostics.isEmpty)
    for diagnostic in diagnostics {
      let text = diagnostic.lines.joined() + (diagnostic.fix ?? "")
      #expect(!text.unicodeScalars.contains(where: UnsafeCharacter.isUnsafe), "\(diagnostic)")
    }
    #expect(diagnostics.contains { $0.message.contains("\\u{1B}") }, "\(diagnostics)")
    #expect(
      "a\u{1B}]0;x\u{07}b\u{202E}c\u{85}".sanitizedForTerminal == "a\\u{1B}]0;x\\u{7}b\\u{202E}c\\u{85}")
    #expect("plain text, é and 🎉".sanitizedForTerminal == "plain text, é and 🎉")
  }

  @Test("Diagnostics give where the offending text ends and the text to write")
  func endsAndFixes() throws {
    let course = try TemporaryCourse(module: "---\npas: 80\n---\n# M\n\n## Lesson: L { #intro }\n")
    defer { course.remove() }
    let diagnostics = course.load().diagnostics
    #expect(diagnostics.map { $0.end.map { "\($0.line):\($0.column)" } } == ["2:4", "6:24"])
    #expect(diagnostics.map(\.fix) == ["pass", "{#intro}"])
  }
}
