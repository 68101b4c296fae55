import CourseModel

extension Question {
  /// The explanation's content: a block quote's blocks rather than the quote itself, since
  /// the quote only marks the explanation in the course file.
  var explanationBlocks: [Block] {
    explanation.flatMap { block -> [Block] in
      if case .blockQuote(let children) = block.kind { return children }
      return [block]
    }
  }
}
