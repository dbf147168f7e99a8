using System.Net;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom.Staff;

/// <summary>Staff sign-in runs on the app's clock, which these tests move (a class of their own, so no other test's clock moves).</summary>
public class StaffClockTests(StaffFactory app) : IClassFixture<StaffFactory>
{
    /// <summary>A fresh browser through the password step, then the code step; the answer to the code.</summary>
    async Task<HttpResponseMessage> SignInWithCodeAsync(string email, string code)
    {
        var browser = app.Browser();
        var first = await browser.SubmitAsync("/redaksi/masuk", new() { ["Email"] = email, ["Password"] = StaffKit.Password });
        Assert.StartsWith("/redaksi/masuk/kode", first.Headers.Location!.OriginalString);
        return await browser.SubmitAsync("/redaksi/masuk/kode", new() { ["Code"] = code });
    }

    [Fact]
    public async Task An_authenticator_code_is_checked_on_the_apps_clock_and_stops_working_once_it_has_moved_two_minutes_on()
    {
        const string email = "jam-kode@warta.local";
        await app.AddStaffAsync(email, StaffRoles.Editor);
        var browser = await app.SignedInAsync(email);
        var setup = await (await browser.SubmitAsync("/redaksi/profil/dua-langkah", new(), "/redaksi/profil/dua-langkah?handler=Key")).DocumentAsync();
        var key = setup.QuerySelector(".shared-key")!.TextContent.Trim();
        var enabled = await browser.SubmitAsync("/redaksi/profil/dua-langkah", new() { ["Code"] = Totp.Code(key, app.Clock.GetUtcNow()) }, "/redaksi/profil/dua-langkah?handler=Enable");
        Assert.Equal(10, (await enabled.DocumentAsync()).QuerySelectorAll(".recovery-codes code").Length);

        var code = Totp.Code(key, app.Clock.GetUtcNow());
        // The machine's clock stands years after the app's: its code is not the app's.
        var machines = Totp.Code(key, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await SignInWithCodeAsync(email, machines == code ? "000000" : machines)).StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(60));
        var late = await SignInWithCodeAsync(email, code);
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Equal("/redaksi", late.Headers.Location!.OriginalString);

        app.Clock.Advance(TimeSpan.FromSeconds(60));
        var expired = await SignInWithCodeAsync(email, code);
        Assert.Contains("Kode tidak cocok", (await expired.DocumentAsync()).QuerySelector(".alert")!.TextContent);
    }

    [Fact]
    public async Task A_staff_session_ends_ten_hours_on_by_the_apps_clock()
    {
        await app.AddStaffAsync("jam-sesi@warta.local", StaffRoles.Writer);
        var browser = await app.SignedInAsync("jam-sesi@warta.local");
        app.Clock.Advance(TimeSpan.FromHours(4));
        Assert.Equal(HttpStatusCode.OK, await browser.StatusOfAsync("/redaksi"));

        // Four hours were less than half the session, so that request did not renew it.
        app.Clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(1));
        var ended = await browser.GetAsync("/redaksi");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/redaksi/masuk", ended.Headers.Location!.PathAndQuery);
    }
}
