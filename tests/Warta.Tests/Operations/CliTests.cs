using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Operations;

/// <summary>The command-line verbs, run as an operator runs them: the same program, another process, the same database.</summary>
public class CliTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => app.RunCliAsync(args);

    [Fact]
    public async Task Apikey_create_prints_a_working_key_as_its_last_line()
    {
        var (code, output, error) = await RunAsync("apikey", "create", "--name", "Impor CMS", "--scope", "newsroom");
        Assert.True(code == 0, error);
        var key = output.TrimEnd().Split('\n')[^1].Trim();
        Assert.StartsWith("wk_", key);

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/channels")).StatusCode);
    }

    [Fact]
    public async Task Bad_arguments_get_a_readable_error_and_a_failing_exit_code()
    {
        var (code, _, error) = await RunAsync("apikey", "create", "--name", "x", "--scope", "semua");
        Assert.NotEqual(0, code);
        Assert.Contains("semua", error);

        (code, _, error) = await RunAsync("apikey", "create", "--scope", "markets");
        Assert.NotEqual(0, code);
        Assert.Contains("--name", error);

        (code, _, error) = await RunAsync("users", "add", "--email", "bukan-email", "--name", "X", "--role", "editor", "--password", "pendek");
        Assert.NotEqual(0, code);
        Assert.StartsWith("error:", error.Trim());
    }

    [Fact]
    public async Task Users_add_creates_a_staff_account_with_its_role()
    {
        var (code, output, error) = await RunAsync("users", "add", "--email", "redaktur@warta.local", "--name", "Redaktur Pelaksana", "--role", "editor");
        Assert.True(code == 0, error);
        Assert.Contains("Password (shown once):", output);
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var user = await db.Users.SingleAsync(u => u.Email == "redaktur@warta.local");
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
        Assert.Equal(["Editor"], roles);
    }

    [Fact]
    public async Task Migrate_is_safe_to_run_again()
    {
        var (code, output, error) = await RunAsync("migrate");
        Assert.True(code == 0, error);
        Assert.Contains("up to date", output);
    }

    [Fact]
    public async Task Quotes_import_loads_years_of_closes_with_progress_and_refuses_a_bad_file_whole()
    {
        var admin = await app.ApiClientAsync();
        (await admin.PutAsJsonAsync("/api/admin/instruments/IHSG", new { label = "IHSG", kind = "index", decimals = 2 })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/admin/instruments/EMAS", new { label = "EMAS", kind = "price", decimals = 0 })).EnsureSuccessStatusCode();
        var file = Path.Combine(app.DataPath, "closes.csv");
        var lines = new List<string> { "symbol,value,time" };
        var day = new DateOnly(2020, 1, 6);
        for (var i = 0; i < 6_000; i++, day = day.AddDays(1))
        {
            lines.Add($"IHSG,{6000 + i % 500}.25,{day:yyyy-MM-dd}");
            lines.Add($"EMAS,{900000 + i * 10},{day:yyyy-MM-dd}");
            if (day >= new DateOnly(2023, 5, 1)) break;
        }
        await File.WriteAllLinesAsync(file, lines);

        var (code, output, error) = await RunAsync("quotes", "import", file);
        Assert.True(code == 0, error);
        Assert.Contains($"Imported {lines.Count - 1} quotes", output);
        Assert.Contains("progress:", error);                 // not a terminal: plain lines, no carriage returns
        Assert.DoesNotContain("\r", error);
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var ihsg = await db.Instruments.Where(i => i.Symbol == "IHSG").Select(i => i.Id).SingleAsync();
            Assert.Equal((lines.Count - 1) / 2, await db.DailyBars.CountAsync(b => b.InstrumentId == ihsg));
        }

        var bad = Path.Combine(app.DataPath, "bad.csv");
        await File.WriteAllLinesAsync(bad, ["symbol,value,time", "IHSG,7000,2023-05-02", "IHSG,7.000,50,2023-05-03", "NOPE,1,2023-05-03", "IHSG,-1,2023-05-04"]);
        (code, output, error) = await RunAsync("quotes", "import", bad);
        Assert.Equal(1, code);
        Assert.Contains("line 3: Expected 3 fields, found 4.", error);
        (code, _, error) = await RunAsync("quotes", "import", bad.Replace("bad", "missing"));
        Assert.Equal(1, code);
        Assert.Contains("file not found", error);

        await File.WriteAllLinesAsync(bad, ["symbol,value,time", "IHSG,7000,2023-05-02", "NOPE,1,2023-05-03", "IHSG,-1,2023-05-04"]);
        (code, _, error) = await RunAsync("quotes", "import", bad);
        Assert.Equal(1, code);
        Assert.Contains("line 3.symbol: Unknown symbol 'NOPE'.", error);
        Assert.Contains("line 4.value: Value must be above zero.", error);
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var ihsg = await db.Instruments.Where(i => i.Symbol == "IHSG").Select(i => i.Id).SingleAsync();
            // The good file ended on 1 May; the refused one would have added 2 May.
            Assert.False(await db.DailyBars.AnyAsync(b => b.InstrumentId == ihsg && b.Day == new DateOnly(2023, 5, 2)));
        }
    }

    [Fact]
    public async Task An_unknown_verb_says_so_lists_the_verbs_and_exits_1_without_starting_the_server()
    {
        var (code, output, error) = await RunAsync("user", "add", "--email", "a@b.c", "--name", "A");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: unknown verb 'user'. Did you mean 'users'?", error);
        Assert.Contains("users add --email EMAIL --name NAME", error);
        Assert.Contains("quotes import FILE", error);
        Assert.Contains("apikey create --name NAME --scope SCOPE", error);

        (code, _, error) = await RunAsync("--urls", "http://127.0.0.1:0", "serve");
        Assert.Equal(1, code);
        Assert.StartsWith("error: unexpected argument 'serve'", error);
        Assert.Contains("Verbs", error);
    }

    [Fact]
    public async Task A_missing_argument_or_subverb_says_what_is_wrong_and_lists_the_verbs()
    {
        var (code, _, error) = await RunAsync("users");
        Assert.Equal(1, code);
        Assert.StartsWith("error: Required command was not provided.", error);
        Assert.Contains("usage: users add --email EMAIL --name NAME", error);

        (code, _, error) = await RunAsync("quotes", "import");
        Assert.Equal(1, code);
        Assert.StartsWith("error: Required argument missing for command: 'import'.", error);
        Assert.Contains("usage: quotes import FILE", error);
        Assert.Contains("migrate", error);

        (code, _, error) = await RunAsync("users", "add", "--email", "x@y.z");
        Assert.Equal(1, code);
        Assert.StartsWith("error: Option '--name' is required.", error);
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("seed-demo")]
    [InlineData("apikey", "create")]
    [InlineData("users", "add")]
    [InlineData("members", "add")]
    [InlineData("quotes", "import")]
    public async Task Every_verb_explains_itself_with_help_and_does_nothing_else(params string[] verb)
    {
        var (code, output, error) = await RunAsync([.. verb, "--help"]);
        Assert.True(code == 0, error);
        Assert.Contains("Usage:", output);
        Assert.Contains(string.Join(' ', verb), output);
    }
}
