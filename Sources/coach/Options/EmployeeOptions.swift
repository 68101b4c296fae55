import ArgumentParser
import CourseModel
import LearnerModel

/// `--employee ID`: whose progress it is. Checked once, when the arguments are parsed.
struct EmployeeOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Your employee number or login. Without it, learn asks; progress and review take the store's only employee.",
      valueName: "id"))
  var employee: String?

  func validate() throws {
    if let employee {
      do { _ = try EmployeeID(employee) } catch {
        throw ValidationError(
          "--employee: invalid employee id \"\(ShownText.safe(String(employee.prefix(64))))\": \(error.reason)"
        )
      }
    }
  }

  /// The id given, already validated; `nil` without `--employee`.
  var id: EmployeeID? { employee.flatMap { try? EmployeeID($0) } }
}
