using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Demo;
using Warta.Web.Accounts;
using Warta.Web.Shared;

namespace Warta.Web.Cli;

/// <summary>Command-line verbs of the same program: <c>migrate</c>, <c>seed-demo</c>, <c>apikey create</c>, <c>users add</c>, <c>members add</c>, <c>quotes import</c>.</summary>
public static class Cli
{
    /// <summary>From this many generated articles, seed-demo writes them in bulk unless told otherwise.</summary>
    public const int BulkFrom = 1000;

    static readonly HashSet<string> Verbs = ["migrate", "seed-demo", "apikey", "users", "members", "quotes", "help", "--help", "-h", "-?"];

    /// <summary>Splits the verb (if any) from the arguments the web host understands (<c>--urls</c>, configuration keys).</summary>
    public static (string? Verb, string[] HostArgs) Split(string[] args)
    {
        if (args.Length == 0 || !Verbs.Contains(args[0])) return (null, args);
        // Host configuration may still follow the verb's own options as --Key=value pairs; the verb parser ignores them.
        return (args[0], args.Where(IsHostSetting).ToArray());
    }

    static bool IsHostSetting(string a) => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=') && a.Contains(':');

    /// <summary>
    /// Refuses, before any host is built, arguments that are neither a known verb nor ASP.NET Core options
    /// (<c>--key value</c>, <c>--key=value</c>, <c>/key value</c>, <c>key=value</c>): a mistyped verb must never start the
    /// web server. Prints what is wrong and the verbs; returns the exit code, or null when the arguments are fine.
    /// </summary>
    public static int? Refuse(string[] args, TextWriter error)
    {
        if (args.Length == 0 || Verbs.Contains(args[0])) return null;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a.Contains('=') && !a.StartsWith('=')) continue;
            if ((a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2) || (a.Length > 1 && a[0] == '/' && !a[1..].Contains('/')))
            {
                if (i + 1 < args.Length) { i++; continue; }
                error.WriteLine($"error: option '{a}' needs a value (e.g. --urls http://127.0.0.1:5000).");
                error.Write(VerbList());
                return 1;
            }
            var known = Commands(null!).Subcommands.Select(c => c.Name).ToList();
            var near = known.FirstOrDefault(v => v.StartsWith(a, StringComparison.OrdinalIgnoreCase) || a.StartsWith(v, StringComparison.OrdinalIgnoreCase)
                || (a.Length > 2 && v.StartsWith(a[..3], StringComparison.OrdinalIgnoreCase)));
            error.WriteLine(i == 0
                ? $"error: unknown verb '{a}'." + (near is null ? "" : $" Did you mean '{near}'?")
                : $"error: unexpected argument '{a}'; the server takes only options such as --urls http://127.0.0.1:5000 or --Key=value.");
            error.Write(VerbList());
            return 1;
        }
        return null;
    }

    /// <summary>Every verb with its options, and how to serve the site: shown after any mistake.</summary>
    public static string VerbList()
    {
        var text = new System.Text.StringBuilder("\nVerbs (add --help to any of them for its options):\n");
        foreach (var (command, usage) in Leaves(Commands(null!), ""))
            text.Append("  ").Append(usage.PadRight(50)).Append(' ').AppendLine(command.Description);
        text.AppendLine("Without a verb the web server starts; it takes ASP.NET Core options such as --urls http://127.0.0.1:5000 or --Key=value.");
        return text.ToString();
    }

    /// <summary>The verbs that do something (<c>users add</c>, not <c>users</c>), each with its usage line.</summary>
    static IEnumerable<(Command Command, string Usage)> Leaves(Command command, string path)
    {
        foreach (var sub in command.Subcommands)
            foreach (var leaf in Leaves(sub, path + sub.Name + " ")) yield return leaf;
        if (command.Subcommands.Count == 0 && command is not RootCommand) yield return (command, Usage(command, path));
    }

    static string Usage(Command command, string path) =>
        (path + string.Join(" ", command.Arguments.Select(a => a.Name)
            .Concat(command.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name != "--help")
                .Select(o => o.Required ? $"{o.Name} {o.Name[2..].ToUpperInvariant()}" : $"[{o.Name} {o.Name[2..].ToUpperInvariant()}]")))).TrimEnd();

    public static async Task<int> RunAsync(WebApplication app, string verb, string[] args)
    {
        var root = Commands(app);
        var verbArgs = args.Where(a => !IsHostSetting(a)).Select(a => a == "help" ? "--help" : a).ToArray();
        var parse = root.Parse(verbArgs);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) Console.Error.WriteLine("error: " + e.Message);
            // The verb as far as it was recognised, with what it needs: "usage: quotes import FILE".
            var path = parse.CommandResult.Command;
            var leaves = Leaves(root, "").Where(l => l.Command == path || l.Command.Parents.Contains(path) && path is not RootCommand).ToList();
            foreach (var (_, usage) in leaves) Console.Error.WriteLine("usage: " + usage);
            Console.Error.Write(VerbList());
            return 1;
        }
        try
        {
            return await parse.InvokeAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
        {
            return Fail(e.Message);
        }
    }

    /// <summary>The verbs; <paramref name="app"/> is only touched when a verb runs (null when only listing them).</summary>
    static RootCommand Commands(WebApplication app)
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
        var bulk = new Option<bool?>("--bulk") { Description = "Write the generated articles in batches (COPY on PostgreSQL) instead of one save each; the default from 1,000 articles." };
        var seed = new Command("seed-demo", "Seed the demo content into an empty database (and optionally generate more articles).") { extra, bulk };
        seed.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(extra);
            if (count < 0) return Fail("--articles must be zero or more.");
            using var scope = app.Services.CreateScope();
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<WartaDb>(), ct);
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            var admin = await seeder.CreateFirstAdminAsync();
            await seeder.SeedAsync(count, parse.GetValue(bulk) ?? count >= BulkFrom, ct);
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
                    k => Warta.Web.Accounts.AuditLog.Add(db, clock, "cli", Warta.Web.Accounts.AuditActions.ApiKeyCreate, k.Name, "cakupan " + k.Scope));
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

        root.Subcommands.Add(new Command("members", "Manage reader accounts and their plans.") { MembersAdd(app) });

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

        return root;
    }

    /// <summary><c>members add</c>: a confirmed reader account (partners, complimentary access), optionally with a period of a plan.</summary>
    static Command MembersAdd(WebApplication app)
    {
        var email = new Option<string>("--email") { Description = "The reader's sign-in email.", Required = true };
        var name = new Option<string?>("--name") { Description = "Name shown on the account; the part of the email before @ when left out." };
        var password = new Option<string?>("--password") { Description = "Password; one is generated and printed when left out." };
        var plan = new Option<string?>("--plan") { Description = "Slug of a plan to grant at once (e.g. premium-bulanan)." };
        var days = new Option<int?>("--days") { Description = "Days of the plan to grant; one period of the plan when left out." };
        var add = new Command("add", "Add a reader with a confirmed email, optionally with access to a plan.") { email, name, password, plan, days };
        add.SetAction(async (parse, ct) =>
        {
            using var scope = app.Services.CreateScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<WartaDb>();
            await DatabaseSetup.MigrateAsync(db, ct);
            var address = parse.GetValue(email)!.Trim();
            var (slug, count) = (parse.GetValue(plan), parse.GetValue(days));
            if (count is not null && slug is null) return Fail("--days needs --plan: the days are days of a plan.");
            if (count is < 1 or > Members.Memberships.MaxGrantDays) return Fail($"--days must be from 1 to {Members.Memberships.MaxGrantDays}.");
            Commerce.Plan? granted = null;
            if (slug is not null && (granted = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, ct)) is null)
            {
                var known = await db.Plans.Where(p => p.Active).OrderBy(p => p.SortOrder).Select(p => p.Slug).ToListAsync(ct);
                return Fail($"no plan '{slug}'. Plans: {(known.Count == 0 ? "none yet" : string.Join(", ", known))}.");
            }
            var readers = services.GetRequiredService<UserManager<Accounts.Readers.ReaderUser>>();
            if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(address)) return Fail($"'{address}' is not an email address.");
            if (await readers.FindByEmailAsync(address) is not null) return Fail($"a reader with the email {address} already exists.");
            var given = parse.GetValue(password);
            var secret = string.IsNullOrEmpty(given) ? DemoSeeder.NewPassword() : given;
            var clock = services.GetRequiredService<TimeProvider>();
            var displayName = parse.GetValue(name)?.Trim() is { Length: > 0 } typed ? typed : address.Split('@')[0];
            var reader = new Accounts.Readers.ReaderUser { UserName = address, Email = address, EmailConfirmed = true, DisplayName = displayName, CreatedAt = clock.GetUtcNow() };
            var created = await readers.CreateAsync(reader, secret);
            if (!created.Succeeded) return Fail(string.Join(" ", created.Errors.Select(e => e.Description)));
            Console.WriteLine($"Added reader {address}.");
            if (granted is not null)
            {
                var period = await services.GetRequiredService<Members.Memberships>().GrantAsync(reader.Id, granted, count, Members.SubscriptionSources.Cli,
                    p => AuditLog.Add(db, clock, "cli", Members.MemberAudit.SubscriptionExtend, address, $"{granted.Name} sampai {Indonesian.DateTime(p.EndsAt)}"), ct);
                Console.WriteLine($"Plan {granted.Name} ({granted.Slug}) until {Indonesian.DateTime(period.EndsAt)}.");
            }
            if (string.IsNullOrEmpty(given)) Console.WriteLine($"Password (shown once): {secret}");
            return 0;
        });
        return add;
    }

    static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 1;
    }
}
