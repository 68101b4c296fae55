import Foundation

/// Writes a large course that uses every section and item kind, for benchmarks.
struct CourseGenerator {
  /// Approximate size of the whole course in bytes.
  var targetBytes: Int
  var modules = 40

  /// Writes the course into `folder` and returns the paths of its files, course.md first.
  func write(to folder: URL) throws -> [URL] {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let perModule = targetBytes / modules
    var files: [URL] = []
    var contents = ""
    for index in 1...modules {
      let name = String(format: "%02d-module-%d.md", index, index)
      contents += "\(index). [Module \(index)](\(name))\n"
      files.append(folder.appendingPathComponent(name))
    }
    let course = """
      ---
      id: benchmark
      pass: 80
      roles: [frontline, manager, leader]
      ---

      # A benchmark course

      Generated for `make bench`.

      \(contents)
      """
    let courseFile = folder.appendingPathComponent("course.md")
    try course.write(to: courseFile, atomically: true, encoding: .utf8)
    for (index, file) in files.enumerated() {
      try module(index + 1, bytes: perModule).write(to: file, atomically: true, encoding: .utf8)
    }
    return [courseFile] + files
  }

  private func module(_ number: Int, bytes: Int) -> String {
    var text =
      "---\naudience: [manager, leader]\n---\n\n# Module \(number)\n\nAn overview with *emphasis*.\n\n"
    var block = 0
    while text.utf8.count < bytes {
      block += 1
      text += lesson(block) + drill("\(number)-\(block)") + beliefs("\(number)-\(block)")
    }
    return text + creed(number)
  }

  private func lesson(_ n: Int) -> String {
    """
    ## Lesson: Reading part \(n)

    A customer who gives a four out of five is satisfied, not loyal. **Loyal** customers come back,
    tell their friends and forgive the odd mistake. Read [the notes](https://example.com/\(n)) and
    think about `the last time` you were served well.

    ### What to notice

    - Keep the promises you make before trying to impress.
    - Make it easy to do business with you.
    - Recognise good service when you see it.

    > Service is what the customer feels, not what the company says.


    """
  }

  private func drill(_ n: String) -> String {
    """
    ## Drill: Practice \(n)

    Answer each question.

    ### A guest gives you four out of five. What does that tell you? {#single-\(n)}

    You work at the front desk of a busy hotel.

    > Hint: satisfied is not the same as loyal.

    - [ ] They will certainly come back
      Satisfied customers often drift away.
    - [x] They are satisfied but may still leave
    - [ ] They are unhappy
      A four is not a complaint.

    > Only raving fans stay and tell others.

    ### Which of these are internal customers? {#multiple-\(n)}

    - [x] The colleague in accounts
    - [x] The warehouse team
    - [ ] A competitor
      They are not your customer.

    > Anyone who depends on your work is your customer.

    ### Name the C that means the customer explains the problem only once {#short-\(n)}

    Answer: call once | visit once | call/visit once

    > Nobody likes repeating themselves.

    ### Order: Put the steps of recovery in order {#order-\(n)}

    1. Listen
    2. Apologise
    3. Fix it
    4. Follow up

    > Listening comes first.

    ### Match: Pair each place with its front line {#match-\(n)}

    - Hotel -> Front desk
    - Clinic -> Reception
    - Shop -> Till

    > Every place has a front line.


    """
  }

  /// Each statement's text names its part: a real course does not ask one statement
  /// under thousands of ids (coach check would warn about each).
  private func beliefs(_ n: String) -> String {
    """
    ## Beliefs: Where you stand \(n)

    There are no right answers here.

    ### Agree: Service is part of my job whatever my role, part \(n) {#agree-\(n)}

    ### Rate: How often do I greet customers by name in part \(n)? {#rate-\(n)}

    ### Rate: How confident do I feel after part \(n)? {#rate-custom-\(n)}

    - Not at all
    - A little
    - Fairly
    - Very

    ### Reflect: Think of the best service you ever had {#reflect-\(n)}

    What made it stand out?

    ### Rank: What matters most to you? {#rank-\(n)}

    - Being helpful
    - Being fast
    - Being right


    """
  }

  private func creed(_ n: Int) -> String {
    """
    ## Creed: Our creed {#creed-\(n)}

    We wrote this together.

    - I treat every customer as a guest.

      Colleagues too.
    - I keep the promises I make.
    - I listen before I answer.

    """
  }
}
