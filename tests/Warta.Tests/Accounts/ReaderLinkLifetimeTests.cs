using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Accounts.Readers;

namespace Warta.Tests.Accounts;

/// <summary>
/// Mailed links live exactly as long as they are meant to, on the app's clock: a confirmation or change-of-address link
/// three days, a reset link two hours. Each test makes its link at the clock's now and moves the clock on.
/// </summary>
public sealed partial class ReaderLinkLifetimeTests(ReaderMailFactory app) : IClassFixture<ReaderMailFactory>
{
    static readonly TimeSpan Moment = TimeSpan.FromSeconds(1);

    static string Email(string who) => $"{who}-{Guid.NewGuid():N}@pembaca.test";

    Task<ReaderUser> ReaderAsync(string email)
    {
        var normalized = email.ToUpperInvariant();
        return app.InDbAsync(db => db.Readers.AsNoTracking().SingleAsync(r => r.NormalizedEmail == normalized));
    }

    async Task<string> ConfirmationLinkAsync(string email)
    {
        await app.Browser().RegisterAsync(email);
        return ReaderKit.LinkTo(await app.Smtp.WaitForAsync(email, m => (m.Subject ?? "").StartsWith("Konfirmasi email", StringComparison.Ordinal)), "/akun/konfirmasi");
    }

    async Task<string> ResetLinkAsync(string email)
    {
        await app.RegisteredReaderAsync(email);
        await app.Browser().SubmitAsync("/akun/lupa-sandi", new() { ["Email"] = email });
        return ReaderKit.LinkTo(await app.Smtp.WaitForAsync(email, m => (m.Subject ?? "").StartsWith("Buat kata sandi baru", StringComparison.Ordinal)), "/akun/sandi-baru");
    }

    async Task<string> ChangeEmailLinkAsync(string old, string fresh)
    {
        var browser = await app.RegisteredReaderAsync(old);
        await browser.SubmitAsync("/akun/email", new() { ["NewEmail"] = fresh, ["Password"] = ReaderKit.Password });
        return ReaderKit.LinkTo(await app.Smtp.WaitForAsync(fresh), "/akun/email/konfirmasi");
    }

    /// <summary>Opens the link's form while the link works, lets <paramref name="meanwhile"/> pass, then posts it.</summary>
    static async Task<HttpResponseMessage> PostLaterAsync(HttpClient browser, string link, Dictionary<string, string> fields, Action meanwhile)
    {
        var token = AntiforgeryField().Match(await browser.GetStringAsync(link));
        Assert.True(token.Success, $"{link} has no form");
        meanwhile();
        return await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [Fact]
    public async Task A_confirmation_link_still_confirms_a_moment_before_its_three_days_end()
    {
        var email = Email("konfirmasi-tepat");
        var link = await ConfirmationLinkAsync(email);

        app.Clock.Advance(ReaderEmailTokenProvider.Lifespan - Moment);
        var confirmed = await app.Browser().GetAsync(link);

        Assert.Equal("Email terkonfirmasi", (await confirmed.DocumentAsync()).Text("h1"));
        Assert.True((await ReaderAsync(email)).EmailConfirmed);
    }

    [Fact]
    public async Task A_confirmation_link_opened_a_moment_after_its_three_days_is_refused_and_confirms_nothing()
    {
        var email = Email("konfirmasi-telat");
        var link = await ConfirmationLinkAsync(email);

        app.Clock.Advance(ReaderEmailTokenProvider.Lifespan + Moment);
        var refused = await app.Browser().GetAsync(link);

        var page = await refused.DocumentAsync(400);
        Assert.Equal("Tautan tidak berlaku", page.Text("h1"));
        Assert.Equal("Tautan konfirmasi ini tidak berlaku lagi: sudah kedaluwarsa, tidak lengkap, atau akun sudah berubah.", page.Text("#link-invalid"));
        Assert.False((await ReaderAsync(email)).EmailConfirmed);
    }

    [Fact]
    public async Task A_reset_link_still_sets_a_new_password_a_moment_before_its_two_hours_end()
    {
        var email = Email("reset-tepat");
        var link = await ResetLinkAsync(email);

        app.Clock.Advance(ReaderPasswordResetTokenProvider.Lifespan - Moment);
        var browser = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);
        var saved = await browser.SubmitAsync(link, new() { ["Password"] = "sandi-baru-tepat-waktu" });

        Assert.Equal("Kata sandi baru tersimpan. Semua sesi yang masih terbuka telah diakhiri.", (await saved.DocumentAsync()).Text("#password-saved"));
        await app.ReaderSignedInAsync(email, "sandi-baru-tepat-waktu");
    }

    [Fact]
    public async Task A_reset_link_used_a_moment_after_its_two_hours_is_refused_and_the_password_stays()
    {
        var email = Email("reset-telat");
        var link = await ResetLinkAsync(email);

        var refused = await PostLaterAsync(app.Browser(), link, new() { ["Password"] = "sandi-baru-terlambat" },
            () => app.Clock.Advance(ReaderPasswordResetTokenProvider.Lifespan + Moment));

        Assert.Equal("Tautan ini tidak berlaku lagi: sudah kedaluwarsa, sudah dipakai, atau tidak lengkap.", (await refused.DocumentAsync(400)).Text("#link-invalid"));
        Assert.Equal("Tautan ini tidak berlaku lagi: sudah kedaluwarsa, sudah dipakai, atau tidak lengkap.", (await (await app.Browser().GetAsync(link)).DocumentAsync(400)).Text("#link-invalid"));
        await app.ReaderSignedInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().SubmitAsync("/akun/masuk", new() { ["Email"] = email, ["Password"] = "sandi-baru-terlambat" })).StatusCode);
    }

    [Fact]
    public async Task A_change_of_address_link_still_moves_the_account_a_moment_before_its_three_days_end()
    {
        var (old, fresh) = (Email("pindah-tepat"), Email("baru-tepat"));
        var link = await ChangeEmailLinkAsync(old, fresh);

        app.Clock.Advance(ReaderEmailTokenProvider.Lifespan - Moment);
        var changed = await app.Browser().SubmitAsync(link, new());

        Assert.Equal(fresh, (await changed.DocumentAsync()).Text("#email-changed strong"));
        Assert.Equal(fresh, (await ReaderAsync(fresh)).Email);
    }

    [Fact]
    public async Task A_change_of_address_link_used_a_moment_after_its_three_days_is_refused_and_the_address_stays()
    {
        var (old, fresh) = (Email("pindah-telat"), Email("baru-telat"));
        var link = await ChangeEmailLinkAsync(old, fresh);

        var refused = await PostLaterAsync(app.Browser(), link, new(), () => app.Clock.Advance(ReaderEmailTokenProvider.Lifespan + Moment));

        Assert.Equal("Tautan ini tidak berlaku lagi: sudah kedaluwarsa, sudah dipakai, atau akun sudah berubah.", (await refused.DocumentAsync(400)).Text("#link-invalid"));
        Assert.Equal(old, (await ReaderAsync(old)).Email);
        var normalizedFresh = fresh.ToUpperInvariant();
        Assert.False(await app.InDbAsync(db => db.Readers.AnyAsync(r => r.NormalizedEmail == normalizedFresh)));
    }
}
