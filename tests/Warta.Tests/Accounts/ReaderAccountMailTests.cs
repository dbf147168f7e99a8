using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Accounts.Readers;

namespace Warta.Tests.Accounts;

/// <summary>
/// Issue 12, item 1: the reader's account by mail — confirmation, reset, change of address — read from a real SMTP
/// receiver; no answer that tells which addresses have accounts; sessions that end when they should; the reader's data.
/// </summary>
public partial class ReaderAccountMailTests(ReaderMailFactory app) : IClassFixture<ReaderMailFactory>
{
    const string Password = ReaderKit.Password;

    static Dictionary<string, string> Credentials(string email, string password) => new() { ["Email"] = email, ["Password"] = password };

    Task<ReaderUser?> ReaderAsync(string email)
    {
        var normalized = email.ToUpperInvariant();
        return app.InDbAsync(db => db.Readers.AsNoTracking().SingleOrDefaultAsync(r => r.NormalizedEmail == normalized));
    }

    /// <summary>The page as a person sees it, without the per-response antiforgery token and the echoed address.</summary>
    static async Task<(HttpStatusCode Status, string Page)> AnswerAsync(HttpResponseMessage response, string email) =>
        (response.StatusCode, Token().Replace(await response.Content.ReadAsStringAsync(), "").Replace(email, "", StringComparison.OrdinalIgnoreCase));

    static bool SetsReaderCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(Warta.Web.Shared.CookieAudienceResolver.AudienceCookie + "=", StringComparison.Ordinal));

    [Fact]
    public async Task A_new_reader_registers_signs_in_unconfirmed_then_confirms_the_address_from_the_mail()
    {
        const string email = "baru@pembaca.test";
        var registered = await app.Browser().RegisterAsync(email, "Rina Baru");
        Assert.Equal("Cek email Anda.", (await registered.DocumentAsync()).Text("#check-mail strong"));
        Assert.False(SetsReaderCookie(registered));

        // Unconfirmed: may sign in and use the account, but may not buy yet.
        var browser = await app.ReaderSignedInAsync(email);
        var unconfirmed = await (await browser.GetAsync("/akun")).DocumentAsync();
        Assert.Equal("belum dikonfirmasi", unconfirmed.Text("#email-unconfirmed"));
        Assert.False((await ReaderAsync(email))!.MayPurchase);

        var mail = await app.Smtp.WaitForAsync(email, m => m.Subject == "Konfirmasi email akun WARTA Anda");
        Assert.Contains("Halo Rina Baru,", mail.TextBody);
        var confirmed = await (await browser.GetAsync(ReaderKit.LinkTo(mail, "/akun/konfirmasi"))).DocumentAsync();
        Assert.Equal("Email terkonfirmasi", confirmed.Text("h1"));
        Assert.True((await ReaderAsync(email))!.MayPurchase);
        Assert.Null((await (await browser.GetAsync("/akun")).DocumentAsync()).QuerySelector("#email-unconfirmed"));
    }

    [Fact]
    public async Task A_confirmation_link_with_a_changed_code_confirms_nothing()
    {
        const string email = "kode-salah@pembaca.test";
        await app.Browser().RegisterAsync(email);
        var link = ReaderKit.LinkTo(await app.Smtp.WaitForAsync(email), "/akun/konfirmasi");

        var refused = await app.Browser().GetAsync(link.Replace("kode=", "kode=x", StringComparison.Ordinal));
        Assert.Equal("Tautan tidak berlaku", (await refused.DocumentAsync(400)).Text("h1"));
        Assert.False((await ReaderAsync(email))!.EmailConfirmed);
    }

    [Fact]
    public async Task The_confirmation_is_sent_again_from_the_public_page_and_from_the_account_page()
    {
        const string email = "kirim-ulang@pembaca.test";
        var browser = await app.RegisteredReaderAsync(email);
        await app.Smtp.WaitForAsync(email);

        var resent = await app.Browser().SubmitAsync("/akun/konfirmasi/kirim-ulang", new() { ["Email"] = email });
        Assert.Equal("Cek email Anda.", (await resent.DocumentAsync()).Text("#check-mail strong"));
        await app.Smtp.WaitForAsync(email, _ => app.Smtp.To(email).Count == 2);

        var fromAccount = await browser.SubmitAsync("/akun", new(), action: "/akun?handler=Resend");
        Assert.Equal("Cek email Anda.", (await fromAccount.DocumentAsync()).Text("#check-mail strong"));
        var third = await app.Smtp.WaitForAsync(email, _ => app.Smtp.To(email).Count == 3);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(ReaderKit.LinkTo(app.Smtp.To(email)[2], "/akun/konfirmasi"))).StatusCode);
        Assert.True((await ReaderAsync(email))!.EmailConfirmed);
    }

    [Fact]
    public async Task Registering_a_taken_address_answers_like_a_new_one_and_mails_its_owner_instead()
    {
        const string owner = "pemilik@pembaca.test";
        await app.Browser().RegisterAsync(owner, "Pemilik");
        await app.Smtp.WaitForAsync(owner);

        var taken = await app.Browser().RegisterAsync(owner, "Penyusup", "kata-sandi-penyusup");
        var fresh = await app.Browser().RegisterAsync("belum-ada@pembaca.test", "Penyusup", "kata-sandi-penyusup");
        Assert.Equal(await AnswerAsync(fresh, "belum-ada@pembaca.test"), await AnswerAsync(taken, owner));
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.False(SetsReaderCookie(taken));

        var note = await app.Smtp.WaitForAsync(owner, m => m.Subject == "Anda sudah punya akun WARTA");
        Assert.Contains("/akun/lupa-sandi", note.TextBody);
        var account = (await ReaderAsync(owner))!;
        Assert.Equal("Pemilik", account.DisplayName);
        Assert.Equal(1, await app.InDbAsync(db => db.Readers.CountAsync(r => r.NormalizedEmail == "PEMILIK@PEMBACA.TEST")));
        // The intruder's password opens nothing.
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().SubmitAsync("/akun/masuk", Credentials(owner, "kata-sandi-penyusup"))).StatusCode);
    }

    [Fact]
    public async Task A_reset_request_answers_alike_for_known_and_unknown_addresses_and_mails_only_the_known_one()
    {
        const string known = "lupa@pembaca.test";
        await app.RegisteredReaderAsync(known);
        var unknown = await app.Browser().SubmitAsync("/akun/lupa-sandi", new() { ["Email"] = "tak-dikenal@pembaca.test" });
        var knownAnswer = await app.Browser().SubmitAsync("/akun/lupa-sandi", new() { ["Email"] = known });

        Assert.Equal(await AnswerAsync(unknown, "tak-dikenal@pembaca.test"), await AnswerAsync(knownAnswer, known));
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        await app.Smtp.WaitForAsync(known, m => (m.Subject ?? "").StartsWith("Buat kata sandi baru", StringComparison.Ordinal));
        // The outbox sends in order: a message to the unknown address, had there been one, would have arrived first.
        Assert.Empty(app.Smtp.To("tak-dikenal@pembaca.test"));
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_confirms_the_address_and_ends_open_sessions()
    {
        const string email = "reset@pembaca.test";
        var open = await app.RegisteredReaderAsync(email);
        await app.Browser().SubmitAsync("/akun/lupa-sandi", new() { ["Email"] = email });
        var link = ReaderKit.LinkTo(await app.Smtp.WaitForAsync(email, m => (m.Subject ?? "").StartsWith("Buat kata sandi baru", StringComparison.Ordinal)), "/akun/sandi-baru");

        var browser = app.Browser();
        var saved = await browser.SubmitAsync(link, new() { ["Password"] = "sandi-baru-yang-panjang" });
        Assert.Equal("Kata sandi baru tersimpan. Semua sesi yang masih terbuka telah diakhiri.", (await saved.DocumentAsync()).Text("#password-saved"));

        Assert.Equal(HttpStatusCode.Redirect, (await open.GetAsync("/akun")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().SubmitAsync("/akun/masuk", Credentials(email, Password))).StatusCode);
        await app.ReaderSignedInAsync(email, "sandi-baru-yang-panjang");
        Assert.True((await ReaderAsync(email))!.EmailConfirmed);
        var again = await browser.GetAsync(link);
        Assert.NotNull((await again.DocumentAsync(400)).QuerySelector("#link-invalid"));
    }

    [Fact]
    public async Task A_password_change_keeps_this_session_and_ends_the_one_in_another_browser()
    {
        const string email = "dua-browser@pembaca.test";
        var phone = await app.RegisteredReaderAsync(email);
        var laptop = await app.ReaderSignedInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/akun")).StatusCode);

        var wrong = await phone.SubmitAsync("/akun/sandi", new() { ["CurrentPassword"] = "bukan-sandinya", ["NewPassword"] = "sandi-ganti-yang-panjang" });
        Assert.Equal("Kata sandi saat ini salah.", (await wrong.DocumentAsync(400)).Text("[data-field=CurrentPassword]"));
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/akun")).StatusCode);

        var changed = await phone.SubmitAsync("/akun/sandi", new() { ["CurrentPassword"] = Password, ["NewPassword"] = "sandi-ganti-yang-panjang" });
        Assert.Equal("Kata sandi diganti. Sesi di perangkat lain telah diakhiri.", (await changed.DocumentAsync()).Text("#password-saved"));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/akun")).StatusCode);
        var ended = await laptop.GetAsync("/akun");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/akun/masuk", ended.Headers.Location!.PathAndQuery);
        await app.Smtp.WaitForAsync(email, m => m.Subject == "Kata sandi akun WARTA Anda telah diganti");
    }

    [Fact]
    public async Task A_change_of_address_waits_for_the_link_to_the_new_address_and_tells_the_old_one()
    {
        const string old = "alamat-lama@pembaca.test", fresh = "alamat-baru@pembaca.test";
        var browser = await app.RegisteredReaderAsync(old);
        var requested = await browser.SubmitAsync("/akun/email", new() { ["NewEmail"] = fresh, ["Password"] = Password });
        Assert.Equal("Cek email Anda.", (await requested.DocumentAsync()).Text("#check-mail strong"));
        Assert.Equal(old, (await ReaderAsync(old))!.Email);

        var link = ReaderKit.LinkTo(await app.Smtp.WaitForAsync(fresh), "/akun/email/konfirmasi");
        var changed = await browser.SubmitAsync(link, new());
        Assert.Equal(fresh, (await changed.DocumentAsync()).Text("#email-changed strong"));

        await app.Smtp.WaitForAsync(old, m => m.Subject == "Email akun WARTA Anda telah diganti");
        // The browser that confirmed stays signed in; the account answers to the new address only.
        Assert.Equal(fresh, (await (await browser.GetAsync("/akun")).DocumentAsync()).Text("#reader-email"));
        Assert.Null(await ReaderAsync(old));
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().SubmitAsync("/akun/masuk", Credentials(old, Password))).StatusCode);
        await app.ReaderSignedInAsync(fresh);
        // The new security stamp retired the link.
        Assert.NotNull((await (await browser.GetAsync(link)).DocumentAsync(400)).QuerySelector("#link-invalid"));
    }

    [Fact]
    public async Task A_change_to_an_address_that_has_an_account_answers_alike_and_changes_nothing()
    {
        const string mover = "pindah@pembaca.test", other = "sudah-ada@pembaca.test";
        await app.RegisteredReaderAsync(other);
        await app.Smtp.WaitForAsync(other);
        var browser = await app.RegisteredReaderAsync(mover);

        var toTaken = await browser.SubmitAsync("/akun/email", new() { ["NewEmail"] = other, ["Password"] = Password });
        var toFree = await browser.SubmitAsync("/akun/email", new() { ["NewEmail"] = "bebas@pembaca.test", ["Password"] = Password });
        Assert.Equal(await AnswerAsync(toFree, "bebas@pembaca.test"), await AnswerAsync(toTaken, other));
        await app.Smtp.WaitForAsync(other, m => m.Subject == "Permintaan ganti email di WARTA");
        Assert.Equal(mover, (await ReaderAsync(mover))!.Email);
    }

    [Fact]
    public async Task The_reader_sees_and_downloads_everything_held_about_them_including_each_feature_share()
    {
        const string email = "data@pembaca.test";
        var browser = await app.RegisteredReaderAsync(email, "Dewi Data");
        var id = (await ReaderAsync(email))!.Id;

        var page = await (await browser.GetAsync("/akun/data")).DocumentAsync();
        // The account first, then every feature's share by name.
        string[] shares;
        using (var scope = app.Services.CreateScope())
            shares = [.. scope.ServiceProvider.GetServices<IPersonalData>().Select(s => s.Section).Order(StringComparer.Ordinal)];
        Assert.Equal(["akun", .. shares], page.QuerySelectorAll("[data-section]").Select(s => s.GetAttribute("data-section")!));
        Assert.Contains("uji", shares);
        Assert.True(shares.Length >= 4, "members, the paywall and the Academy each hold a share: " + string.Join(", ", shares));
        Assert.Contains("\"email\": \"data@pembaca.test\"", page.Text("[data-section=akun] pre"));
        Assert.Contains("catatan pembaca " + id, page.Text("[data-section=uji] pre"));

        var download = await browser.GetAsync("/akun/data/unduh");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        using var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync());
        Assert.Equal("Dewi Data", json.RootElement.GetProperty("akun").GetProperty("nama").GetString());
        Assert.Equal(id, json.RootElement.GetProperty("akun").GetProperty("id").GetGuid());
        Assert.Equal("catatan pembaca " + id, json.RootElement.GetProperty("uji").GetProperty("catatan").GetString());
    }

    [Fact]
    public async Task Deleting_the_account_needs_the_password_erases_every_share_removes_the_account_and_ends_its_sessions()
    {
        const string email = "hapus@pembaca.test";
        var browser = await app.RegisteredReaderAsync(email, "Hapus Saya");
        var other = await app.ReaderSignedInAsync(email);
        var id = (await ReaderAsync(email))!.Id;

        var refused = await browser.SubmitAsync("/akun/hapus", new() { ["Password"] = "bukan-sandinya" });
        Assert.Equal("Kata sandi salah; akun tidak dihapus.", (await refused.DocumentAsync(400)).Text("[data-field=Password]"));
        Assert.NotNull(await ReaderAsync(email));
        Assert.DoesNotContain(id, app.Share.Erased);

        var deleted = await browser.SubmitAsync("/akun/hapus", new() { ["Password"] = Password });
        Assert.NotNull((await deleted.DocumentAsync()).QuerySelector("#account-deleted"));
        Assert.Null(await ReaderAsync(email));
        Assert.Contains(id, app.Share.Erased);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/akun")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/akun")).StatusCode);
        await app.Smtp.WaitForAsync(email, m => m.Subject == "Akun WARTA Anda telah dihapus");
    }

    [Theory]
    [InlineData("/akun/daftar", false)]
    [InlineData("/akun/konfirmasi/kirim-ulang", false)]
    [InlineData("/akun/lupa-sandi", false)]
    [InlineData("/akun/sandi-baru", false)]
    [InlineData("/akun/email/konfirmasi", false)]
    [InlineData("/akun?handler=Resend", true)]
    [InlineData("/akun/sandi", true)]
    [InlineData("/akun/email", true)]
    [InlineData("/akun/hapus", true)]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing(string action, bool signedIn)
    {
        var email = "csrf-" + string.Concat(action.Where(char.IsLetter)) + "@pembaca.test";
        var browser = signedIn ? await app.RegisteredReaderAsync(email) : app.Browser();
        var fields = new Dictionary<string, string>
        {
            ["Email"] = "csrf-baru@pembaca.test", ["Name"] = "Csrf", ["Password"] = Password, ["CurrentPassword"] = Password,
            ["NewPassword"] = "sandi-csrf-yang-panjang", ["NewEmail"] = "csrf-lain@pembaca.test", ["Id"] = Guid.NewGuid().ToString(), ["Kode"] = "x",
        };
        var response = await browser.PostAsync(action, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await ReaderAsync("csrf-baru@pembaca.test"));
        if (signedIn) Assert.Equal(email, (await ReaderAsync(email))!.Email);
    }

    [GeneratedRegex("value=\"[^\"]{40,}\"")]
    private static partial Regex Token();
}
