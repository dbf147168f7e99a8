using System.CommandLine;
using Warta.Web.Data;
using Warta.Web.Newsroom;

namespace Warta.Web;

/// <summary>Command-line verbs of the same program: <c>migrate</c>, <c>seed-demo</c>, <c>apikey create</c>, <c>users add</c>, <c>quotes import</c>.</summary>
public static class Cli
{
    static readonly HashSet<string> Verbs = ["migrate", "seed-demo", "apikey", "users", "quotes", "help", "--help", "-h", "-?"];

    /// <summary>Splits the verb (if any) from the arguments the web host understands (<c>--urls</c>, configuration keys).</summary>
    public static (string? Verb, string[] HostArgs) Split(string[] args)
    {
        if (args.Length == 0 || !Verbs.Contains(args[0])) return (null, args);
        // Host configuration may still follow the verb's own options as --Key=value pairs; the verb parser ignores them.
        return (args[0], args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=') && a.Contains(':')).ToArray());
    }

    public static async Task<int> RunAsync(WebApplication app, string verb, string[] args)
    {
        var root = new RootCommand("Warta: the news platform. Run without a verb to serve the site.");

        var migrate = new Command("migrate", "Create the database if needed and apply every pending migration.");
        migrate.SetAction(async (_, ct) =>
        {
            using var scope = app.Services.CreateScope();
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<WartaDb>(), ct);
            Console.WriteLine("Database is up to date.");
            return 0;
        });
        root.Subcommands.Add(migrate);

        var extra = new Option<int>("--articles") { Description = "Also generate this many articles from the demo stories (for benchmarks)." };
        var seed = new Command("seed-demo", "Seed the demo content into an empty database (and optionally generate more articles).") { extra };
        seed.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(extra);
            if (count < 0) return Fail("--articles must be zero or more.");
            using var scope = app.Services.CreateScope();
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<WartaDb>(), ct);
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            var admin = await seeder.CreateFirstAdminAsync();
            await seeder.SeedAsync(count, ct);
            if (admin is not null) Console.WriteLine($"Admin: {admin.Email} / {admin.Password}");
            Console.WriteLine("Demo content is in place.");
            return 0;
        });
        root.Subcommands.Add(seed);

        var keyName = new Option<string>("--name") { Description = "Who uses the key, e.g. 'CMS import'.", Required = true };
        var keyScope = new Option<string>("--scope") { Description = "newsroom (all of the admin API) or markets (post quotes only).", Required = true };
        keyScope.AcceptOnlyFromAmong(ApiScopes.All);
        var createKey = new Command("create", "Create an API key; the key is printed once, as the last line.") { keyName, keyScope };
        createKey.SetAction(async (parse, ct) =>
        {
            using var scope = app.Services.CreateScope();
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<WartaDb>(), ct);
            try
            {
                var db = scope.ServiceProvider.GetRequiredService<WartaDb>();
                var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
                var (key, secret) = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(parse.GetValue(keyName)!, parse.GetValue(keyScope)!,
                    k => Shared.AuditLog.Add(db, clock, "cli", Shared.AuditActions.ApiKeyCreate, k.Name, "cakupan " + k.Scope));
                Console.WriteLine($"Created API key '{key.Name}' (scope {key.Scope}, id {key.Id}). Keep it secret; it is not shown again:");
                Console.WriteLine(secret);
                return 0;
            }
            catch (ArgumentException e)
            {
                return Fail(e.Message);
            }
        });
        root.Subcommands.Add(new Command("apikey", "Manage API keys.") { createKey });

        var email = new Option<string>("--email") { Description = "Sign-in email.", Required = true };
        var name = new Option<string>("--name") { Description = "Name shown in the newsroom.", Required = true };
        var role = new Option<string>("--role") { Description = "admin, editor or writer.", DefaultValueFactory = _ => "writer" };
        role.AcceptOnlyFromAmong("admin", "editor", "writer");
        var password = new Option<string?>("--password") { Description = "Password; one is generated and printed when left out." };
        var addUser = new Command("add", "Add a staff account (admin, editor or writer).") { email, name, role, password };
        addUser.SetAction(async (parse, ct) =>
        {
            using var scope = app.Services.CreateScope();
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<WartaDb>(), ct);
            var given = parse.GetValue(password);
            var secret = string.IsNullOrEmpty(given) ? DemoSeeder.NewPassword() : given;
            try
            {
                var user = await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
                    .AddUserAsync(parse.GetValue(email)!, parse.GetValue(name)!, parse.GetValue(role)!, secret);
                Console.WriteLine($"Added {parse.GetValue(role)} {user.Email}.");
                if (string.IsNullOrEmpty(given)) Console.WriteLine($"Password (shown once): {secret}");
                return 0;
            }
            catch (ArgumentException e)
            {
                return Fail(e.Message);
            }
        });
        root.Subcommands.Add(new Command("users", "Manage staff accounts.") { addUser });

        var file = new Argument<FileInfo>("FILE") { Description = "CSV with a header row symbol,value,time[,previous_close]." };
        var importQuotes = new Command("import", "Import quotes (years of daily closes) from a CSV file, checked whole before anything is stored.") { file };
        importQuotes.SetAction(async (parse, ct) =>
        {
            using (var scope = app.Services.CreateScope())
                await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<WartaDb>(), ct);
            return await new Markets.QuoteImport(app.Services.GetRequiredService<IServiceScopeFactory>())
                .RunAsync(parse.GetValue(file)!.FullName, Console.Out, Console.Error, terminal: !Console.IsErrorRedirected, ct);
        });
        root.Subcommands.Add(new Command("quotes", "Market quotes.") { importQuotes });

        var verbArgs = args.Where(a => !(a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=') && a.Contains(':'))).ToArray();
        try
        {
            return await root.Parse(verbArgs).InvokeAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
        {
            return Fail(e.Message);
        }
    }

    static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 1;
    }
}
