import Testing

@testable import coach

/// Where the store is when nobody says: `--store`, `$COACH_STORE`, XDG, the home folder.
@Suite struct StoreLocationTests {
  @Test func theExplicitPathWins() {
    let env = ["COACH_STORE": "/env/p.sqlite", "XDG_DATA_HOME": "/xdg", "HOME": "/home/ada"]
    #expect(StoreLocation.resolve(explicit: "/flag/p.sqlite", environment: env) == "/flag/p.sqlite")
    #expect(StoreLocation.resolve(explicit: "~/p.sqlite", environment: env) == "/home/ada/p.sqlite")
  }

  @Test func thenCoachStore() {
    let env = ["COACH_STORE": "~/team.sqlite", "XDG_DATA_HOME": "/xdg", "HOME": "/home/ada"]
    #expect(StoreLocation.resolve(explicit: nil, environment: env) == "/home/ada/team.sqlite")
    #expect(StoreLocation.resolve(explicit: "", environment: env) == "/home/ada/team.sqlite")
  }

  @Test func thenXDGDataHome() {
    let env = ["COACH_STORE": "", "XDG_DATA_HOME": "/xdg/data", "HOME": "/home/ada"]
    #expect(StoreLocation.resolve(explicit: nil, environment: env) == "/xdg/data/coach/progress.sqlite")
  }

  @Test func thenTheHomeFolder() {
    let expected = "/home/ada/.local/share/coach/progress.sqlite"
    #expect(StoreLocation.resolve(explicit: nil, environment: ["HOME": "/home/ada"]) == expected)
    // A relative XDG_DATA_HOME is ignored, as the XDG specification says.
    let env = ["HOME": "/home/ada", "XDG_DATA_HOME": "relative/data"]
    #expect(StoreLocation.resolve(explicit: nil, environment: env) == expected)
  }
}
