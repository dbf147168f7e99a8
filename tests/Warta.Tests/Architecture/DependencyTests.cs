using NetArchTest.Rules;

namespace Warta.Tests.Architecture;

/// <summary>
/// The arrows between Warta's folders (docs/architecture.md): features use Content, Commerce, Accounts, Data and Shared,
/// never each other; Content uses Commerce, Accounts, Data and Shared; Commerce uses Accounts, Data and Shared; Accounts
/// uses Data and Shared; Shared uses Data only. Razor views compile into their folder's namespace, so a view that
/// reaches into another feature fails here too.
/// </summary>
public class DependencyTests
{
    const string Root = "Warta.Web.";

    /// <summary>Folders that are features: each may be copied to start a new one, and none knows another.</summary>
    public static readonly string[] Features = ["Reader", "Newsroom", "Markets", "Academy", "Promos", "Members", "Discovery"];

    /// <summary>The composition root's folders: they put the features together and may use anything; nothing uses them.</summary>
    static readonly string[] Composition = ["Cli", "Demo"];

    /// <summary>What each lower folder may not use (besides the composition root, which no folder may use).</summary>
    public static readonly Dictionary<string, string[]> Forbidden = new()
    {
        ["Content"] = Features,
        ["Commerce"] = [.. Features, "Content"],
        ["Accounts"] = [.. Features, "Content", "Commerce"],
        ["Shared"] = [.. Features, "Content", "Commerce", "Accounts"],
    };

    public static TheoryData<string> Folders() => [.. Features, "Content", "Commerce", "Accounts", "Shared", "Data"];

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_folder_uses_only_the_folders_below_it(string folder)
    {
        var forbidden = Features.Contains(folder)
            ? Features.Where(f => f != folder).ToArray()
            : Forbidden.GetValueOrDefault(folder, []);
        var breaches = new List<string>();
        foreach (var other in forbidden.Concat(Composition))
        {
            var result = Types.InAssembly(typeof(Program).Assembly)
                .That().ResideInNamespace(Root + folder)
                .ShouldNot().HaveDependencyOn(Root + other)
                .GetResult();
            if (!result.IsSuccessful)
                breaches.AddRange(result.FailingTypeNames.Select(t => $"{t} uses {Root + other}"));
        }
        Assert.True(breaches.Count == 0, $"{folder} reaches where its arrows do not go:\n" + string.Join("\n", breaches.Distinct().Order()));
    }

    [Fact]
    public void Every_namespace_of_the_app_is_a_known_folder()
    {
        // A new folder must be placed in the arrows above (as a feature or a layer), or this test could not guard it.
        var known = Features.Concat(Composition).Concat(["Content", "Commerce", "Accounts", "Shared", "Data"]).ToHashSet();
        var unknown = typeof(Program).Assembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns is not null && ns.StartsWith(Root, StringComparison.Ordinal))
            .Select(ns => ns![Root.Length..].Split('.')[0])
            .Where(folder => !known.Contains(folder))
            .Distinct().Order().ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void The_test_sees_a_breach_when_there_is_one()
    {
        // The arrows are checked on real types: Reader's pages use Content, so forbidding Content to Reader must fail.
        var result = Types.InAssembly(typeof(Program).Assembly)
            .That().ResideInNamespace(Root + "Reader")
            .ShouldNot().HaveDependencyOn(Root + "Content")
            .GetResult();
        Assert.False(result.IsSuccessful);
        Assert.Contains(result.FailingTypeNames, t => t.StartsWith(Root + "Reader.", StringComparison.Ordinal));
    }
}
