using Warta.Tests.Accounts;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Fakes;
using Warta.Tests.Infrastructure;
using Warta.Web.Academy;
using Warta.Web.Shared;

namespace Warta.Tests.Academy;

/// <summary>
/// An app whose mail goes to a loopback SMTP receiver, whose sign-in is not rate limited (a test signs up a hundred
/// readers from one address), and whose registration upkeep runs only when a test runs it (<see cref="UpkeepAsync"/>).
/// </summary>
public sealed class AcademyApp : WartaFactory
{
    public const string Password = "kata-sandi-pembaca-1";

    public SmtpReceiver Mail { get; }

    public AcademyApp() : this(new SmtpReceiver())
    {
    }

    AcademyApp(SmtpReceiver mail)
        : base(null, new Dictionary<string, string?>(mail.Settings) { ["Warta:Staff:LoginAttemptsPerMinute"] = "100000", ["Warta:Academy:UpkeepSeconds"] = "0",
            ["Warta:Readers:MailRequestsPerIpPerHour"] = "100000", ["Warta:Readers:MailsPerAddressPerHour"] = "100000" })
    {
        Mail = mail;
    }

    /// <summary>A course starting ten days from the app's now, with one session at a venue unless <paramref name="sessions"/> are given.</summary>
    public async Task<Course> CourseAsync(string title, decimal price, int seats, List<SessionInput>? sessions = null, string? description = null)
    {
        var start = Indonesian.StartOfWibDay(Clock.GetUtcNow()).AddDays(10).AddHours(9);
        using var scope = Services.CreateScope();
        var (course, errors) = await scope.ServiceProvider.GetRequiredService<CourseWriter>().CreateAsync(new CourseInput
        {
            Title = title, Price = price, Seats = seats, Hashtags = ["Uji"], Summary = "Kelas uji.", Description = description,
            Sessions = sessions ?? [new() { StartsAt = start, EndsAt = start.AddHours(3), Venue = "Ruang Redaksi, Jakarta" }],
        });
        Assert.True(course is not null, errors.ToString());
        return course!;
    }

    /// <summary>A new reader, signed up through the registration page, confirmed from the mailed link and signed in; their browser keeps the reader cookie.</summary>
    public async Task<HttpClient> ReaderAsync(string email, string? name = null)
    {
        var browser = await this.RegisteredReaderAsync(email, name ?? email.Split('@')[0]);
        var confirmation = await Mail.WaitForAsync(email, m => (m.Subject ?? "").StartsWith("Konfirmasi email", StringComparison.Ordinal));
        var confirmed = await browser.GetAsync(ReaderKit.LinkTo(confirmation, "/akun/konfirmasi"));
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, $"confirming {email} answered {(int)confirmed.StatusCode}");
        return browser;
    }

    public Task<HttpResponseMessage> RegisterAsync(HttpClient reader, Course course) =>
        reader.SubmitAsync(AcademyRoutes.RegistrationUrlOf(course.Slug), new());

    public async Task UpkeepAsync()
    {
        await Services.GetRequiredService<RegistrationUpkeep>().RunOnceAsync();
    }

    /// <summary>What a payment notice, an admin or the expiry does to an order.</summary>
    public async Task<MoveOutcome> MoveOrderAsync(string number, OrderStatus to)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OrderBook>().MoveAsync(number, to);
    }

    public Task<Registration?> RegistrationOfAsync(Course course, string email) =>
        this.InDbAsync(db => (from r in db.Registrations.AsNoTracking()
                              join reader in db.Readers on r.ReaderId equals reader.Id
                              where r.CourseId == course.Id && reader.Email == email
                              select r).SingleOrDefaultAsync());

    public Task<int> SeatsTakenAsync(Course course) => this.InDbAsync(db => db.Courses.Where(c => c.Id == course.Id).Select(c => c.SeatsTaken).SingleAsync());

    int _mailStopped;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // The factory's DisposeAsync calls this too; the receiver stops once.
        if (disposing && Interlocked.Exchange(ref _mailStopped, 1) == 0) Mail.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
