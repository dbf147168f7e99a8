using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Warta.Fakes;
using Warta.Tests.Infrastructure;
using Warta.Web.Academy;
using Warta.Web.Shared;

namespace Warta.Tests.Academy;

/// <summary>Issue 12, item 5: registering for a course, seats never oversold, the waiting list, confirmation mail and calendar.</summary>
public sealed class RegistrationTests(AcademyApp app) : IClassFixture<AcademyApp>
{
    static string Email(string who) => $"{who}-{Guid.NewGuid():N}@pembaca.test";

    [Fact]
    public async Task A_hundred_readers_registering_at_once_for_ten_seats_get_ten_held_seats_and_ninety_places_in_line()
    {
        var course = await app.CourseAsync("Kelas Rebutan", 500_000m, seats: 10);
        var emails = Enumerable.Range(0, 100).Select(i => Email("rebutan" + i)).ToList();
        var readers = await Task.WhenAll(emails.Select(e => app.ReaderAsync(e)));
        var address = AcademyRoutes.RegistrationUrlOf(course.Slug);
        var tokens = await Task.WhenAll(readers.Select(async r => Token(await r.GetStringAsync(address))));

        var answers = await Task.WhenAll(readers.Select((r, i) => r.PostAsync(address, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = tokens[i] }))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(10, answers.Count(a => a.Headers.Location!.OriginalString.StartsWith("/akun/pesanan/", StringComparison.Ordinal)));
        Assert.Equal(90, answers.Count(a => a.Headers.Location!.OriginalString == address));
        Assert.Equal(10, await app.SeatsTakenAsync(course));
        var statuses = await app.InDbAsync(db => db.Registrations.Where(r => r.CourseId == course.Id).GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(10, statuses.Single(s => s.Key == RegistrationStatus.Held).Count);
        Assert.Equal(90, statuses.Single(s => s.Key == RegistrationStatus.Waiting).Count);
        Assert.DoesNotContain(statuses, s => s.Key == RegistrationStatus.Confirmed);
        Assert.Equal(10, await app.InDbAsync(db => db.Orders.CountAsync(o => o.Kind == OrderKinds.Course && o.Reference == course.Id.ToString() && o.Status == OrderStatus.Pending)));
    }

    [Fact]
    public async Task A_free_registration_is_confirmed_at_once_with_a_mail_whose_calendar_file_holds_every_session()
    {
        var start = Indonesian.StartOfWibDay(app.Clock.GetUtcNow()).AddDays(12).AddHours(9);
        var course = await app.CourseAsync("Kelas Gratis: Mengenal Bursa, Saham; dan \"Obligasi\" untuk Pemula yang Baru Belajar Berinvestasi", 0m, 30,
        [
            new() { Title = "Tatap muka", StartsAt = start, EndsAt = start.AddHours(2), Venue = "Gedung Bursa, Tower 2; Lantai 1, Jakarta" },
            new() { Title = "Daring", StartsAt = start.AddDays(7), EndsAt = start.AddDays(7).AddHours(1).AddMinutes(30), OnlineUrl = "https://zoom.us/j/123456789" },
        ]);
        var email = Email("gratis");
        var reader = await app.ReaderAsync(email, "Sari Gratis");

        var answer = await app.RegisterAsync(reader, course);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(AcademyRoutes.RegistrationUrlOf(course.Slug), answer.Headers.Location!.OriginalString);
        var page = await (await reader.GetAsync(answer.Headers.Location!.OriginalString)).DocumentAsync();
        Assert.Equal("confirmed", page.QuerySelector("#registration-status")!.GetAttribute("data-status"));
        var registration = (await app.RegistrationOfAsync(course, email))!;
        Assert.Equal(RegistrationStatus.Confirmed, registration.Status);
        Assert.Equal(OrderStatus.Active, await app.InDbAsync(db => db.Orders.Where(o => o.Number == registration.OrderNumber).Select(o => o.Status).SingleAsync()));
        Assert.Equal(1, await app.SeatsTakenAsync(course));

        var mail = await app.Mail.WaitForAsync(email, m => m.Subject?.StartsWith("Pendaftaran terkonfirmasi", StringComparison.Ordinal) == true);
        Assert.Equal("Pendaftaran terkonfirmasi: " + course.Title, mail.Subject);
        var attachment = mail.Attachments.OfType<MimePart>().Single();
        Assert.Equal("text/calendar", attachment.ContentType.MimeType);
        Assert.Equal(course.Slug + ".ics", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        var ics = Encoding.UTF8.GetString(content.ToArray());
        AssertFoldedLines(ics);

        var calendar = Ical.Net.Calendar.Load(ics)!;
        var events = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(2, events.Select(e => e.Uid).Distinct().Count());
        Assert.All(events, e => Assert.EndsWith("@localhost", e.Uid));
        Assert.All(events, e => Assert.NotNull(e.DtStamp));
        Assert.Equal(start.UtcDateTime, events[0].DtStart!.AsUtc);
        Assert.Equal(start.AddHours(2).UtcDateTime, events[0].DtEnd!.AsUtc);
        Assert.Equal(course.Title + " – Tatap muka", events[0].Summary);
        Assert.Equal("Gedung Bursa, Tower 2; Lantai 1, Jakarta", events[0].Location);
        Assert.Equal(new Uri("http://localhost" + AcademyRoutes.CourseUrlOf(course.Slug)), events[0].Url);
        Assert.Equal(start.AddDays(7).AddHours(1).AddMinutes(30).UtcDateTime, events[1].DtEnd!.AsUtc);
        Assert.Equal("https://zoom.us/j/123456789", events[1].Location);
        Assert.Equal(new Uri("https://zoom.us/j/123456789"), events[1].Url);

        var download = await reader.GetAsync(AcademyRoutes.RegistrationUrlOf(course.Slug) + "?handler=Calendar");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/calendar", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, Ical.Net.Calendar.Load(await download.Content.ReadAsStringAsync())!.Events.Count);
    }

    /// <summary>RFC 5545 §3.1: lines end in CRLF and are at most 75 octets; a longer one continues on a line starting with a space.</summary>
    static void AssertFoldedLines(string ics)
    {
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
        var lines = ics.Split("\r\n");
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"line longer than 75 octets: {line}"));
        Assert.Contains(lines, line => line.StartsWith(' '));
        Assert.Contains(@"LOCATION:Gedung Bursa\, Tower 2\; Lantai 1\, Jakarta", string.Concat(ics.Split("\r\n ")));
    }

    [Fact]
    public async Task A_paid_registration_holds_the_seat_with_an_order_and_is_confirmed_when_the_payment_lands()
    {
        var course = await app.CourseAsync("Kelas Berbayar", 750_000m, 5);
        var email = Email("bayar");
        var reader = await app.ReaderAsync(email);

        var answer = await app.RegisterAsync(reader, course);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var held = (await app.RegistrationOfAsync(course, email))!;
        Assert.Equal(RegistrationStatus.Held, held.Status);
        Assert.Equal(CommerceRoutes.Order(held.OrderNumber!), answer.Headers.Location!.OriginalString);
        var order = await app.InDbAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Number == held.OrderNumber));
        Assert.Equal((OrderKinds.Course, course.Id.ToString(), 750_000L, OrderStatus.Pending), (order.Kind, order.Reference, order.AmountRupiah, order.Status));
        var page = await (await reader.GetAsync(AcademyRoutes.RegistrationUrlOf(course.Slug))).DocumentAsync();
        Assert.Equal("held", page.QuerySelector("#registration-status")!.GetAttribute("data-status"));
        Assert.Equal(CommerceRoutes.Order(order.Number), page.QuerySelector("#registration-status a.button")!.GetAttribute("href"));

        Assert.Equal(MoveOutcome.Applied, await app.MoveOrderAsync(order.Number, OrderStatus.Paid));

        Assert.Equal(RegistrationStatus.Confirmed, (await app.RegistrationOfAsync(course, email))!.Status);
        Assert.Equal(1, await app.SeatsTakenAsync(course));
        await app.UpkeepAsync();
        var mail = await app.Mail.WaitForAsync(email, m => m.Subject?.StartsWith("Pendaftaran terkonfirmasi", StringComparison.Ordinal) == true);
        Assert.Equal("Pendaftaran terkonfirmasi: Kelas Berbayar", mail.Subject);
        Assert.Single(mail.Attachments);
    }

    [Fact]
    public async Task An_unpaid_order_expires_and_its_seat_goes_to_the_next_reader_who_registers()
    {
        var course = await app.CourseAsync("Kelas Kedaluwarsa", 300_000m, 1);
        var late = Email("telat");
        await app.RegisterAsync(await app.ReaderAsync(late), course);
        var number = (await app.RegistrationOfAsync(course, late))!.OrderNumber!;

        app.Clock.Advance(OrderBook.PendingLifetime + TimeSpan.FromMinutes(1));
        await app.UpkeepAsync();

        Assert.Equal(OrderStatus.Expired, await app.InDbAsync(db => db.Orders.Where(o => o.Number == number).Select(o => o.Status).SingleAsync()));
        Assert.Null(await app.RegistrationOfAsync(course, late));
        Assert.Equal(0, await app.SeatsTakenAsync(course));
        var next = Email("berikut");
        await app.RegisterAsync(await app.ReaderAsync(next), course);
        Assert.Equal(RegistrationStatus.Held, (await app.RegistrationOfAsync(course, next))!.Status);
    }

    [Fact]
    public async Task Nodes_expiring_the_same_unpaid_order_at_once_free_its_seat_once()
    {
        // Every node's expiry sweep and registration upkeep wake on the same minute: each must find the order already
        // moved rather than free the seat a second time (which took the count below zero on PostgreSQL).
        var course = await app.CourseAsync("Kelas Rebutan Kedaluwarsa", 300_000m, 2);
        var (a, b) = (Email("lupa-a"), Email("lupa-b"));
        await app.RegisterAsync(await app.ReaderAsync(a), course);
        await app.RegisterAsync(await app.ReaderAsync(b), course);
        var numbers = new[] { (await app.RegistrationOfAsync(course, a))!.OrderNumber!, (await app.RegistrationOfAsync(course, b))!.OrderNumber! };
        Assert.Equal(2, await app.SeatsTakenAsync(course));

        var moves = await Task.WhenAll(numbers.SelectMany(n => Enumerable.Range(0, 4).Select(_ => Task.Run(() => app.MoveOrderAsync(n, OrderStatus.Expired)))));

        Assert.Equal(2, moves.Count(m => m == MoveOutcome.Applied));
        Assert.Equal(6, moves.Count(m => m == MoveOutcome.AlreadyThere));
        Assert.Equal(0, await app.SeatsTakenAsync(course));
        Assert.Null(await app.RegistrationOfAsync(course, a));
        Assert.Null(await app.RegistrationOfAsync(course, b));
    }

    [Fact]
    public async Task A_freed_seat_goes_to_the_first_reader_waiting_who_is_mailed_a_link_to_take_it()
    {
        var course = await app.CourseAsync("Kelas Antre", 200_000m, 1);
        var (first, second, third) = (Email("pertama"), Email("kedua"), Email("ketiga"));
        await app.RegisterAsync(await app.ReaderAsync(first), course);
        var secondReader = await app.ReaderAsync(second);
        await app.RegisterAsync(secondReader, course);
        var thirdReader = await app.ReaderAsync(third);
        await app.RegisterAsync(thirdReader, course);
        Assert.Equal("Urutan ke-2.", (await (await thirdReader.GetAsync(AcademyRoutes.RegistrationUrlOf(course.Slug))).DocumentAsync())
            .Text("#registration-status p").Split(' ').Take(2).Aggregate((a, b) => a + " " + b));

        Assert.Equal(MoveOutcome.Applied, await app.MoveOrderAsync((await app.RegistrationOfAsync(course, first))!.OrderNumber!, OrderStatus.Cancelled));

        Assert.Null(await app.RegistrationOfAsync(course, first));
        var offered = (await app.RegistrationOfAsync(course, second))!;
        Assert.Equal((RegistrationStatus.Held, (string?)null), (offered.Status, offered.OrderNumber));
        Assert.Equal(app.Clock.GetUtcNow() + Seating.OfferLifetime, offered.HeldUntil);
        Assert.Equal(RegistrationStatus.Waiting, (await app.RegistrationOfAsync(course, third))!.Status);
        Assert.Equal(1, await app.SeatsTakenAsync(course));

        await app.UpkeepAsync();
        var mail = await app.Mail.WaitForAsync(second, m => m.Subject?.StartsWith("Kursi tersedia", StringComparison.Ordinal) == true);
        Assert.Equal("Kursi tersedia: Kelas Antre", mail.Subject);
        var link = SmtpReceiver.LinkIn(mail, AcademyRoutes.RegistrationUrlOf(course.Slug));
        Assert.DoesNotContain(app.Mail.To(third), m => m.Subject?.StartsWith("Kursi tersedia", StringComparison.Ordinal) == true);

        var take = await secondReader.SubmitAsync(new Uri(link).PathAndQuery, new(), action: new Uri(link).PathAndQuery + "?handler=Take");
        Assert.Equal(HttpStatusCode.Redirect, take.StatusCode);
        var number = (await app.RegistrationOfAsync(course, second))!.OrderNumber!;
        Assert.Equal(CommerceRoutes.Order(number), take.Headers.Location!.OriginalString);
        Assert.Equal(MoveOutcome.Applied, await app.MoveOrderAsync(number, OrderStatus.Paid));
        Assert.Equal(RegistrationStatus.Confirmed, (await app.RegistrationOfAsync(course, second))!.Status);
        Assert.Equal(1, await app.SeatsTakenAsync(course));
    }

    [Fact]
    public async Task A_reader_who_pays_after_their_seat_went_to_another_waits_first_in_line_is_told_so_and_takes_the_next_seat_at_once()
    {
        var course = await app.CourseAsync("Kelas Bayar Telat", 300_000m, 1);
        var (late, taker, early) = (Email("bayar-telat"), Email("pengambil"), Email("antre-dulu"));
        var lateReader = await app.ReaderAsync(late);
        await app.RegisterAsync(lateReader, course);
        var lateOrder = (await app.RegistrationOfAsync(course, late))!.OrderNumber!;
        app.Clock.Advance(OrderBook.PendingLifetime + TimeSpan.FromMinutes(1));
        await app.UpkeepAsync();
        Assert.Null(await app.RegistrationOfAsync(course, late));
        await app.RegisterAsync(await app.ReaderAsync(taker), course);
        var takerOrder = (await app.RegistrationOfAsync(course, taker))!.OrderNumber!;
        var earlyReader = await app.ReaderAsync(early);
        await app.RegisterAsync(earlyReader, course);

        // The money arrives after all (a transfer that settled late): the order is paid, and the seat is someone else's.
        Assert.Equal(MoveOutcome.Applied, await app.MoveOrderAsync(lateOrder, OrderStatus.Paid));

        var paid = (await app.RegistrationOfAsync(course, late))!;
        Assert.Equal((RegistrationStatus.Waiting, lateOrder, app.Clock.GetUtcNow()), (paid.Status, paid.OrderNumber, paid.PaidWaitingSince));
        Assert.Equal(1, await app.SeatsTakenAsync(course));
        var latePage = await (await lateReader.GetAsync(AcademyRoutes.RegistrationUrlOf(course.Slug))).DocumentAsync();
        Assert.Equal("paid-waiting", latePage.QuerySelector("#registration-status")!.GetAttribute("data-status"));
        Assert.StartsWith("Kursi yang sempat ditahan untuk Anda sudah terisi. Anda di urutan ke-1, di depan pendaftar yang belum membayar", latePage.Text("#registration-status p"));
        Assert.StartsWith("Urutan ke-2.", (await (await earlyReader.GetAsync(AcademyRoutes.RegistrationUrlOf(course.Slug))).DocumentAsync()).Text("#registration-status p"));

        await app.UpkeepAsync();
        var mail = await app.Mail.WaitForAsync(late, m => m.Subject?.StartsWith("Pembayaran diterima", StringComparison.Ordinal) == true);
        Assert.Equal("Pembayaran diterima, menunggu kursi: Kelas Bayar Telat", mail.Subject);
        Assert.Contains($"Pembayaran Anda untuk kelas \"Kelas Bayar Telat\" (pesanan {lateOrder}) sudah kami terima", mail.TextBody);
        Assert.Contains("Anda kini di urutan ke-1 daftar tunggu, di depan semua pendaftar yang belum membayar.", mail.TextBody);
        Assert.Contains("tidak ada kursi untuk Anda, dana Anda kami kembalikan penuh.", mail.TextBody);

        var admin = await app.StaffAsync(Warta.Web.Accounts.Staff.StaffRoles.Admin);
        var attendees = await (await admin.Http.GetAsync(AcademyRoutes.AttendeesUrlOf(course.Id))).DocumentAsync();
        Assert.StartsWith("1 pendaftar sudah membayar tetapi belum mendapat kursi.", attendees.Text("#paid-without-seat"));
        Assert.Equal(["held", "paid-waiting", "waiting"], attendees.QuerySelectorAll("table.attendees tbody tr").Select(r => r.GetAttribute("data-status")));
        Assert.Equal(CommerceRoutes.AdminOrder(lateOrder), attendees.QuerySelector("tr[data-status=paid-waiting] a")!.GetAttribute("href"));

        // The seat frees: the reader who paid is confirmed at once, ahead of the reader who registered before them.
        Assert.Equal(MoveOutcome.Applied, await app.MoveOrderAsync(takerOrder, OrderStatus.Cancelled));

        var seated = (await app.RegistrationOfAsync(course, late))!;
        Assert.Equal((RegistrationStatus.Confirmed, (DateTimeOffset?)app.Clock.GetUtcNow(), lateOrder), (seated.Status, seated.ConfirmedAt, seated.OrderNumber));
        Assert.Equal(RegistrationStatus.Waiting, (await app.RegistrationOfAsync(course, early))!.Status);
        Assert.Equal(1, await app.SeatsTakenAsync(course));
        await app.UpkeepAsync();
        await app.Mail.WaitForAsync(late, m => m.Subject == "Pendaftaran terkonfirmasi: Kelas Bayar Telat");
        Assert.DoesNotContain(app.Mail.To(early), m => m.Subject?.StartsWith("Kursi tersedia", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_reader_registers_once_per_course()
    {
        var course = await app.CourseAsync("Kelas Sekali", 0m, 5);
        var email = Email("sekali");
        var reader = await app.ReaderAsync(email);
        var address = AcademyRoutes.RegistrationUrlOf(course.Slug);
        // Two posts with the form as first shown, as a double click sends them.
        var token = Token(await reader.GetStringAsync(address));
        var form = () => new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

        Assert.Equal(HttpStatusCode.Redirect, (await reader.PostAsync(address, form())).StatusCode);
        var again = await reader.PostAsync(address, form());

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("Anda sudah terdaftar di kelas ini; pendaftaran hanya sekali per kelas.", (await again.DocumentAsync(409)).Text("#registration-message"));
        Assert.Equal(1, await app.InDbAsync(db => db.Registrations.CountAsync(r => r.CourseId == course.Id)));
        Assert.Equal(1, await app.InDbAsync(db => db.Orders.CountAsync(o => o.Reference == course.Id.ToString())));
        Assert.Equal(1, await app.SeatsTakenAsync(course));
    }

    [Fact]
    public async Task A_registration_posted_without_the_forms_token_is_refused_and_changes_nothing()
    {
        var course = await app.CourseAsync("Kelas Tanpa Token", 0m, 5);
        var reader = await app.ReaderAsync(Email("csrf"));
        await reader.GetStringAsync(AcademyRoutes.RegistrationUrlOf(course.Slug));

        var forged = await reader.PostAsync(AcademyRoutes.RegistrationUrlOf(course.Slug), new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await app.InDbAsync(db => db.Registrations.CountAsync(r => r.CourseId == course.Id)));
    }

    [Fact]
    public async Task Registering_needs_a_signed_in_reader()
    {
        var course = await app.CourseAsync("Kelas Masuk Dulu", 0m, 5);
        var address = AcademyRoutes.RegistrationUrlOf(course.Slug);

        var anonymous = await app.Browser().GetAsync(address);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(ReaderAccess.SignInPath + "?ReturnUrl=" + Uri.EscapeDataString(address), anonymous.Headers.Location!.PathAndQuery);
        var coursePage = await (await app.Browser().GetAsync(AcademyRoutes.CourseUrlOf(course.Slug))).DocumentAsync();
        Assert.Equal(address, coursePage.QuerySelector("a.register")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Closing_an_account_erases_its_registrations_and_hands_the_seat_to_the_reader_waiting()
    {
        var course = await app.CourseAsync("Kelas Hapus Akun", 0m, 1);
        var (leaving, waiting) = (Email("pergi"), Email("menunggu"));
        await app.RegisterAsync(await app.ReaderAsync(leaving), course);
        await app.RegisterAsync(await app.ReaderAsync(waiting), course);
        var readerId = await app.InDbAsync(db => db.Readers.Where(r => r.Email == leaving).Select(r => r.Id).SingleAsync());

        using (var scope = app.Services.CreateScope())
        {
            var academy = scope.ServiceProvider.GetServices<IPersonalData>().Single(p => p.Section == "akademi");
            Assert.NotEmpty(System.Text.Json.JsonSerializer.Serialize(await academy.ExportAsync(readerId, CancellationToken.None)).Split(course.Slug).Skip(1));
            await academy.EraseAsync(readerId, CancellationToken.None);
        }

        Assert.Null(await app.RegistrationOfAsync(course, leaving));
        Assert.Equal(RegistrationStatus.Held, (await app.RegistrationOfAsync(course, waiting))!.Status);
        Assert.Equal(1, await app.SeatsTakenAsync(course));
    }

    static string Token(string html) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
}
