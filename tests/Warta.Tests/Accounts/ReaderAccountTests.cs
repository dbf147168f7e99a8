using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Accounts.Staff;

namespace Warta.Tests.Accounts;

/// <summary>Reader accounts beside staff accounts: their own tables, cookie and pages, the shared password and lockout rules.</summary>
public partial class ReaderAccountTests(StaffFactory app) : IClassFixture<StaffFactory>
{
    const string Password = "kata-sandi-pembaca-1";

    static Dictionary<string, string> Credentials(string email, string password) => new() { ["Email"] = email, ["Password"] = password };

    Task<HttpClient> RegisteredAsync(string email, string name = "Sari Pembaca") => app.RegisteredReaderAsync(email, name);

    /// <summary>The page as a person sees it, without the per-response antiforgery token and the echoed address.</summary>
    static async Task<(HttpStatusCode Status, string Page)> AnswerAsync(HttpResponseMessage response, string email) =>
        (response.StatusCode, Token().Replace(await response.Content.ReadAsStringAsync(), "").Replace(email, "", StringComparison.Ordinal));

    [Fact]
    public async Task A_reader_registers_signs_out_and_signs_in_again()
    {
        var browser = await RegisteredAsync("sari@pembaca.test", "Sari Pembaca");
        var account = await (await browser.GetAsync("/akun")).DocumentAsync();
        Assert.Equal("Sari Pembaca", account.Text("#reader-name"));
        Assert.Equal("sari@pembaca.test", account.Text("#reader-email"));

        var signedOut = await browser.SubmitAsync("/akun", new(), action: "/akun/keluar");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var anonymous = await browser.GetAsync("/akun");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/akun/masuk", anonymous.Headers.Location!.PathAndQuery);

        var signedIn = await browser.SubmitAsync("/akun/masuk", Credentials("sari@pembaca.test", Password));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/akun", signedIn.Headers.Location!.OriginalString);
        Assert.Equal("Sari Pembaca", (await (await browser.GetAsync("/akun")).DocumentAsync()).Text("#reader-name"));
    }

    [Fact]
    public async Task Registration_refuses_a_short_password_and_a_bad_address_and_takes_a_taken_address_like_a_new_one_without_a_second_account()
    {
        var browser = app.Browser();
        var refused = await browser.SubmitAsync("/akun/daftar", new() { ["Email"] = "bukan-alamat", ["Password"] = "pendek", ["Name"] = "" });
        var page = await refused.DocumentAsync(400);
        Assert.Equal(["Email", "Name", "Password"], page.QuerySelectorAll("[data-field]").Select(e => e.GetAttribute("data-field")!).Order());

        await RegisteredAsync("dua-kali@pembaca.test");
        var again = await app.Browser().SubmitAsync("/akun/daftar", new() { ["Email"] = "Dua-Kali@pembaca.test", ["Password"] = Password, ["Name"] = "Lain" });
        var answer = await again.DocumentAsync();
        Assert.Equal("Cek email Anda.", answer.Text("#check-mail strong"));
        Assert.Empty(answer.QuerySelectorAll("[data-field]"));
        Assert.Equal(1, await app.InDbAsync(db => db.Readers.CountAsync(r => r.NormalizedEmail == "DUA-KALI@PEMBACA.TEST")));
    }

    [Fact]
    public async Task The_same_address_can_be_a_staff_account_and_a_reader_account_each_with_its_own_password()
    {
        const string email = "ganda@warta.test";
        await app.AddStaffAsync(email, StaffRoles.Writer);
        var reader = await RegisteredAsync(email, "Ganda Pembaca");

        Assert.Equal(1, await app.InDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
        Assert.Equal(1, await app.InDbAsync(db => db.Readers.CountAsync(r => r.Email == email)));
        // Each password opens only its own kind of account.
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().SubmitAsync("/redaksi/masuk", Credentials(email, Password))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().SubmitAsync("/akun/masuk", Credentials(email, StaffKit.Password))).StatusCode);
        await app.SignedInAsync(email);
        Assert.Equal("Ganda Pembaca", (await (await reader.GetAsync("/akun")).DocumentAsync()).Text("#reader-name"));
    }

    [Fact]
    public async Task A_reader_cookie_never_opens_a_staff_page_or_the_staff_api()
    {
        var reader = await RegisteredAsync("bukan-staf@pembaca.test");

        var desk = await reader.GetAsync("/redaksi");
        Assert.Equal(HttpStatusCode.Redirect, desk.StatusCode);
        Assert.StartsWith("/redaksi/masuk", desk.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync("/redaksi/api/berita")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync($"/api/admin/articles/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_staff_cookie_is_not_a_reader()
    {
        await app.AddStaffAsync("staf-saja@warta.test", StaffRoles.Admin);
        var staff = await app.SignedInAsync("staf-saja@warta.test");

        var account = await staff.GetAsync("/akun");
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.StartsWith("/akun/masuk", account.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, await staff.StatusOfAsync("/redaksi"));
    }

    [Fact]
    public async Task An_unknown_address_and_a_wrong_password_get_the_identical_answer()
    {
        await RegisteredAsync("dikenal@pembaca.test");
        var browser = app.Browser();

        var unknown = await AnswerAsync(await browser.SubmitAsync("/akun/masuk", Credentials("tidak-dikenal@pembaca.test", "apa-saja-yang-panjang")), "tidak-dikenal@pembaca.test");
        var wrong = await AnswerAsync(await browser.SubmitAsync("/akun/masuk", Credentials("dikenal@pembaca.test", "apa-saja-yang-panjang")), "dikenal@pembaca.test");
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Contains("Email atau kata sandi salah", unknown.Page);
        Assert.Equal(unknown, wrong);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_a_reader_out_for_fifteen_minutes_on_the_app_clock()
    {
        await RegisteredAsync("terkunci@pembaca.test");
        var browser = app.Browser();
        // The page shows the time, so each answer is compared with an unknown address's answer at the same moment.
        async Task<(HttpStatusCode, string)> UnknownAsync() =>
            await AnswerAsync(await browser.SubmitAsync("/akun/masuk", Credentials("siapa@pembaca.test", "salah-salah-salah")), "siapa@pembaca.test");
        async Task<(HttpStatusCode, string)> AttemptAsync(string password) =>
            await AnswerAsync(await browser.SubmitAsync("/akun/masuk", Credentials("terkunci@pembaca.test", password)), "terkunci@pembaca.test");

        for (var attempt = 1; attempt <= 5; attempt++)
            Assert.Equal(await UnknownAsync(), await AttemptAsync("salah-salah-salah-" + attempt));

        // Locked: the right password gets the same answer as an unknown address, still after 14 minutes.
        Assert.Equal(await UnknownAsync(), await AttemptAsync(Password));
        app.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(await UnknownAsync(), await AttemptAsync(Password));

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var opened = await browser.SubmitAsync("/akun/masuk", Credentials("terkunci@pembaca.test", Password));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
    }

    [Fact]
    public async Task A_closed_account_cannot_sign_in_and_its_open_session_ends()
    {
        var open = await RegisteredAsync("ditutup@pembaca.test");
        await app.InDbAsync(db => db.Readers.Where(r => r.Email == "ditutup@pembaca.test")
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.DisabledAt, DateTimeOffset.UnixEpoch)));

        Assert.Equal(HttpStatusCode.Redirect, (await open.GetAsync("/akun")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().SubmitAsync("/akun/masuk", Credentials("ditutup@pembaca.test", Password))).StatusCode);
    }

    [Theory]
    [InlineData("/akun/masuk")]
    [InlineData("/akun/daftar")]
    [InlineData("/akun")]
    [InlineData("/akun/lupa-sandi")]
    [InlineData("/akun/konfirmasi/kirim-ulang")]
    [InlineData("/akun/sandi")]
    [InlineData("/akun/email")]
    [InlineData("/akun/data")]
    [InlineData("/akun/data/unduh")]
    [InlineData("/akun/hapus")]
    public async Task Account_pages_are_never_kept_by_any_cache(string path)
    {
        var reader = await RegisteredAsync($"tanpa-cache-{path.Replace('/', '-')}@pembaca.test");
        var response = await reader.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store, private", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_signed_in_reader_never_gets_or_fills_the_shared_cache()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var reader = await RegisteredAsync("cache@pembaca.test");

        // Served from the shared cache to anonymous readers…
        var anonymous = app.ReaderClient();
        await anonymous.GetAsync("/kanal/ekonomi");
        Assert.NotNull((await anonymous.GetAsync("/kanal/ekonomi")).Headers.Age);
        // …but rendered afresh, every time, for a reader carrying the reader cookie.
        Assert.Null((await reader.GetAsync("/kanal/ekonomi")).Headers.Age);
        Assert.Null((await reader.GetAsync("/kanal/ekonomi")).Headers.Age);
    }

    [GeneratedRegex("value=\"[^\"]{40,}\"")]
    private static partial Regex Token();
}
