import CourseModel

/// Edits of a course, as a trainer makes them between two sessions: tests of what the
/// records mean against a changed course start from the fixture and change one thing.
extension Course {
  /// The course with the question `id` changed.
  public func editing(question id: String, _ change: (inout Question) -> Void) -> Course {
    editingDrills { questions in
      for i in questions.indices where questions[i].id == id { change(&questions[i]) }
    }
  }

  /// The course with every drill's question list changed.
  public func editingDrills(_ change: (inout [Question]) -> Void) -> Course {
    var course = self
    for m in course.modules.indices {
      for s in course.modules[m].sections.indices {
        if case .drill(let intro, var questions) = course.modules[m].sections[s].content {
          change(&questions)
          course.modules[m].sections[s].content = .drill(intro: intro, questions: questions)
        }
      }
    }
    return course
  }

  /// The course with its creed's statements changed.
  public func editingCreed(_ change: (inout [Creed.Statement]) -> Void) -> Course {
    var course = self
    for m in course.modules.indices {
      for s in course.modules[m].sections.indices {
        if case .creed(var creed) = course.modules[m].sections[s].content {
          change(&creed.statements)
          course.modules[m].sections[s].content = .creed(creed)
        }
      }
    }
    return course
  }
}
