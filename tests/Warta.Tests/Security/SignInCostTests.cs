using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;

namespace Warta.Tests.Security;

/// <summary>
/// Issue 8, item 4: the sign-in answer costs the same for an unknown address and for an account that is working, locked
/// or disabled: exactly one password hash check each (the real hasher, counted), so its timing tells nothing.
/// </summary>
public class SignInCostTests(SignInCostTests.CountingFactory app) : IClassFixture<SignInCostTests.CountingFactory>
{
    public sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        readonly PasswordHasher<StaffUser> _real = new();
        int _verifications;
        public int Verifications => Volatile.Read(ref _verifications);
        public string HashPassword(StaffUser user, string password) => _real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    public sealed class CountingFactory : StaffFactory
    {
        public CountingHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IPasswordHasher<StaffUser>>(Hasher));
        }
    }

    async Task<int> HashChecksOfOneSignInAsync(string email, string password, HttpStatusCode expected)
    {
        var browser = app.Browser();
        var html = await browser.GetStringAsync("/redaksi/masuk");
        var before = app.Hasher.Verifications;
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await browser.PostAsync("/redaksi/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(expected, response.StatusCode);
        return app.Hasher.Verifications - before;
    }

    [Fact]
    public async Task Every_sign_in_attempt_checks_exactly_one_password_hash_whatever_the_account()
    {
        await app.AddStaffAsync("bekerja@warta.local", StaffRoles.Writer);
        await app.AddStaffAsync("terkunci@warta.local", StaffRoles.Writer);
        var disabled = await app.AddStaffAsync("nonaktif@warta.local", StaffRoles.Writer);
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            await db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAt, DateTimeOffset.UtcNow));
        }

        Assert.Equal(1, await HashChecksOfOneSignInAsync("tidak-ada@warta.local", "salah-sekali", HttpStatusCode.OK));
        Assert.Equal(1, await HashChecksOfOneSignInAsync("bekerja@warta.local", "salah-sekali", HttpStatusCode.OK));
        Assert.Equal(1, await HashChecksOfOneSignInAsync("nonaktif@warta.local", StaffKit.Password, HttpStatusCode.OK));
        Assert.Equal(1, await HashChecksOfOneSignInAsync("nonaktif@warta.local", "salah-sekali", HttpStatusCode.OK));
        // Five wrong passwords lock the account; from then on it still costs one check, right password or not.
        for (var i = 0; i < 5; i++) Assert.Equal(1, await HashChecksOfOneSignInAsync("terkunci@warta.local", "salah-" + i, HttpStatusCode.OK));
        Assert.Equal(1, await HashChecksOfOneSignInAsync("terkunci@warta.local", "salah-lagi", HttpStatusCode.OK));
        Assert.Equal(1, await HashChecksOfOneSignInAsync("terkunci@warta.local", StaffKit.Password, HttpStatusCode.OK));
        Assert.Equal(1, await HashChecksOfOneSignInAsync("bekerja@warta.local", StaffKit.Password, HttpStatusCode.Redirect));
    }
}
