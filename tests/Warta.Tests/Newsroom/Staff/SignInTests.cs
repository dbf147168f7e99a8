using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Tests.Newsroom.Staff;

public partial class SignInTests(StaffFactory app) : IClassFixture<StaffFactory>
{
    static Dictionary<string, string> Credentials(string email, string password) => new() { ["Email"] = email, ["Password"] = password };

    /// <summary>The page as a person sees it, without the per-response antiforgery token and the echoed address.</summary>
    static async Task<(HttpStatusCode Status, string Page)> AnswerAsync(HttpResponseMessage response, string email)
    {
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, Token().Replace(body, "").Replace(email, "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_accounts_wrong_passwords_locked_and_disabled_accounts_get_the_same_answer()
    {
        await app.AddStaffAsync("locked@warta.local", StaffRoles.Writer);
        var disabled = await app.AddStaffAsync("disabled@warta.local", StaffRoles.Writer);
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            await db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAt, DateTimeOffset.UnixEpoch));
        }
        var browser = app.Browser();

        var unknown = await AnswerAsync(await browser.SubmitAsync("/redaksi/masuk", Credentials("siapa@warta.local", "apa-saja-yang-panjang")), "siapa@warta.local");
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Contains("Email atau kata sandi salah", unknown.Page);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await AnswerAsync(await browser.SubmitAsync("/redaksi/masuk", Credentials("locked@warta.local", "salah-salah-salah-" + attempt)), "locked@warta.local");
            Assert.Equal(unknown, wrong);
        }
        // Five failures lock the account: even the right password now gets the same answer.
        var locked = await AnswerAsync(await browser.SubmitAsync("/redaksi/masuk", Credentials("locked@warta.local", StaffKit.Password)), "locked@warta.local");
        Assert.Equal(unknown, locked);
        var disabledAnswer = await AnswerAsync(await browser.SubmitAsync("/redaksi/masuk", Credentials("disabled@warta.local", StaffKit.Password)), "disabled@warta.local");
        Assert.Equal(unknown, disabledAnswer);
        Assert.Equal(HttpStatusCode.Redirect, await browser.StatusOfAsync("/redaksi"));

        // Only the audit log tells the cases apart.
        using (var scope = app.Services.CreateScope())
        {
            var failures = await app.Db(scope).AuditEntries.Where(e => e.Action == AuditActions.LoginFailure).OrderBy(e => e.Id)
                .Select(e => e.Actor + ": " + e.Detail).ToListAsync();
            Assert.Equal(
            [
                "siapa@warta.local: akun tidak dikenal",
                .. Enumerable.Repeat("locked@warta.local: kata sandi salah", 4),
                // The fifth failure is the one that locks the account.
                "locked@warta.local: akun terkunci",
                "locked@warta.local: akun terkunci",
                "disabled@warta.local: akun dinonaktifkan",
            ], failures);
        }
    }

    [Fact]
    public async Task A_locked_account_opens_again_fifteen_minutes_later_on_the_app_clock()
    {
        using var own = new StaffFactory();
        await own.AddStaffAsync("kunci-waktu@warta.local", StaffRoles.Writer);
        var browser = own.Browser();
        for (var attempt = 1; attempt <= 5; attempt++)
            Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/redaksi/masuk", Credentials("kunci-waktu@warta.local", "salah-salah-salah-" + attempt))).StatusCode);
        // Locked: the right password is refused (the form again, not the redirect to the desk), still after 14 minutes.
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/redaksi/masuk", Credentials("kunci-waktu@warta.local", StaffKit.Password))).StatusCode);
        own.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/redaksi/masuk", Credentials("kunci-waktu@warta.local", StaffKit.Password))).StatusCode);
        // Fifteen minutes after the fifth failure the account opens again.
        own.Clock.Advance(TimeSpan.FromMinutes(1));
        await own.SignedInAsync("kunci-waktu@warta.local");
    }

    [Fact]
    public async Task Signing_in_and_out_is_recorded_and_ends_access()
    {
        var user = await app.AddStaffAsync("penulis@warta.local", StaffRoles.Writer);
        var browser = await app.SignedInAsync("penulis@warta.local");
        var desk = await (await browser.GetAsync("/redaksi")).DocumentAsync();
        Assert.Contains("penulis@warta.local", desk.QuerySelector(".staff-nav")!.TextContent);

        var logout = await browser.SubmitAsync("/redaksi", [], "/redaksi/keluar");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await browser.StatusOfAsync("/redaksi"));

        using var scope = app.Services.CreateScope();
        var entries = await app.Db(scope).AuditEntries.Where(e => e.ActorId == user.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditActions.LoginSuccess, AuditActions.Logout], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("penulis@warta.local", e.Actor));
        Assert.All(entries, e => Assert.Equal(app.Clock.GetUtcNow(), e.At));
    }

    [Fact]
    public async Task The_audit_log_cannot_be_rewritten_or_deleted()
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        AuditLog.Add(db, app.Clock, "test", "test.entry", "subjek", "asli");
        await db.SaveChangesAsync();
        // The database's own trigger refuses both (SqliteException or PostgresException, each a DbException), with its message.
        var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.AuditEntries.Where(e => e.Action == "test.entry").ExecuteUpdateAsync(u => u.SetProperty(e => e.Detail, "diubah")));
        Assert.Contains("the audit log is append-only", update.Message);
        var delete = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.AuditEntries.Where(e => e.Action == "test.entry").ExecuteDeleteAsync());
        Assert.Contains("the audit log is append-only", delete.Message);
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "test.entry");
        Assert.Equal("asli", entry.Detail);
    }

    [Fact]
    public async Task Only_admins_read_the_audit_log_and_it_filters_by_actor_and_action()
    {
        await app.AddStaffAsync("admin-audit@warta.local", StaffRoles.Admin);
        await app.AddStaffAsync("editor-audit@warta.local", StaffRoles.Editor);
        await app.AddStaffAsync("writer-audit@warta.local", StaffRoles.Writer);
        var editor = await app.SignedInAsync("editor-audit@warta.local");
        var writer = await app.SignedInAsync("writer-audit@warta.local");
        var admin = await app.SignedInAsync("admin-audit@warta.local");
        Assert.Equal(HttpStatusCode.Forbidden, await editor.StatusOfAsync("/redaksi/admin/audit"));
        Assert.Equal(HttpStatusCode.Forbidden, await writer.StatusOfAsync("/redaksi/admin/audit"));
        Assert.Equal(HttpStatusCode.Redirect, await app.Browser().StatusOfAsync("/redaksi/admin/audit"));

        var page = await (await admin.GetAsync("/redaksi/admin/audit?pelaku=EDITOR-audit&aksi=login.success")).DocumentAsync();
        var rows = page.QuerySelectorAll("table.audit tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains("editor-audit@warta.local", row.TextContent);
        Assert.Contains("login.success", row.TextContent);
        Assert.Contains("WIB", row.TextContent);
    }

    [GeneratedRegex("value=\"[^\"]{40,}\"")]
    private static partial Regex Token();
}

public class SignInRateLimitTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    [Fact]
    public async Task More_than_ten_sign_in_requests_a_minute_from_one_address_are_refused()
    {
        var browser = app.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++) statuses.Add((await browser.GetAsync("/redaksi/masuk")).StatusCode);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 10), HttpStatusCode.TooManyRequests], statuses);
        var refused = await browser.PostAsync("/redaksi/masuk", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "a@b.c", ["Password"] = "x" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Terlalu banyak percobaan", await refused.Content.ReadAsStringAsync());
    }
}
