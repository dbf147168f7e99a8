using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Academy;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;
using Warta.Web.Accounts.Staff;

namespace Warta.Web.Academy.Admin;

[StaffPolicy(StaffAccess.AdminPolicy)]
public sealed class CoursesModel(WartaDb db, CourseWriter courses) : StaffPage
{
    public IReadOnlyList<Course> Courses { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "ubah")] public Guid? EditId { get; set; }
    public CourseForm Form { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (EditId is { } id)
        {
            var course = await db.Courses.AsNoTracking().Include(c => c.Instructors).Include(c => c.Sessions).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id);
            if (course is null) return NotFound();
            Form = CourseForm.From(course);
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CourseForm form)
    {
        var errors = new Errors();
        decimal? price = null;
        if (!string.IsNullOrWhiteSpace(form.Price))
        {
            if (Indonesian.TryParseRupiah(form.Price, out var p)) price = p;
            else errors.Add("price", "price is not an amount.", "Harga ditulis dalam rupiah tanpa sen, mis. 750000 atau 750.000.");
        }
        var input = new CourseInput
        {
            Title = form.Title, Summary = form.Summary, Price = price,
            StartsAt = ParseWib(errors, "startsAt", form.StartsAt, "Waktu mulai"),
            EndsAt = ParseWib(errors, "endsAt", form.EndsAt, "Waktu selesai"),
            Seats = ParseInt(errors, "seats", form.Seats, "Jumlah kursi"),
            Hashtags = (form.Hashtags ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).ToList(),
            Description = form.Description,
            Instructors = form.Instructors.Select(i => new InstructorInput { Name = i.Name, Bio = i.Bio }).ToList(),
            Sessions = form.Sessions.Where(s => !s.IsBlank).Select((s, i) => new SessionInput
            {
                Title = s.Title, OnlineUrl = s.OnlineUrl, Venue = s.Venue,
                StartsAt = ParseWib(errors, $"sessions[{i}].startsAt", s.StartsAt, "Mulai sesi"),
                EndsAt = ParseWib(errors, $"sessions[{i}].endsAt", s.EndsAt, "Selesai sesi"),
            }).ToList(),
        };
        if (!errors.Any)
        {
            (_, errors) = form.Id is { } id
                ? await courses.UpdateAsync(id, input, HttpContext)
                : await courses.CreateAsync(input, HttpContext);
        }
        Outcome(errors, $"Kelas {form.Title} disimpan.");
        if (errors.Any) Form = form;
        await LoadAsync();
        return Page();
    }

    async Task LoadAsync() => Courses = await db.Courses.AsNoTracking().OrderByDescending(c => c.StartsAt).Take(200).ToListAsync();

    /// <summary>Rows left empty for new instructors and sessions: the page works without JavaScript.</summary>
    public const int BlankRows = 2;
}

public sealed class CourseForm
{
    public Guid? Id { get; set; }
    public string? Title { get; set; }
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    public string? Price { get; set; }
    public string? Seats { get; set; }
    public string? Hashtags { get; set; }
    public string? Summary { get; set; }
    public string? Description { get; set; }
    public List<InstructorRow> Instructors { get; set; } = [];
    public List<SessionRow> Sessions { get; set; } = [];

    public static CourseForm From(Course c) => new()
    {
        Description = c.Description,
        Instructors = c.Instructors.OrderBy(i => i.Position).Select(i => new InstructorRow { Name = i.Name, Bio = i.Bio }).ToList(),
        Sessions = c.Sessions.OrderBy(s => s.Position).Select(s => new SessionRow
        {
            Title = s.Title, StartsAt = Indonesian.WibInput(s.StartsAt), EndsAt = Indonesian.WibInput(s.EndsAt), OnlineUrl = s.OnlineUrl, Venue = s.Venue,
        }).ToList(),
        Id = c.Id, Title = c.Title, StartsAt = Indonesian.WibInput(c.StartsAt), EndsAt = Indonesian.WibInput(c.EndsAt),
        Price = c.Price.ToString("0", CultureInfo.InvariantCulture), Seats = c.Seats.ToString(CultureInfo.InvariantCulture),
        Hashtags = string.Join(' ', c.Hashtags.Select(h => "#" + h)), Summary = c.Summary,
    };
}

public sealed class InstructorRow
{
    public string? Name { get; set; }
    public string? Bio { get; set; }
}

public sealed class SessionRow
{
    public string? Title { get; set; }
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    public string? OnlineUrl { get; set; }
    public string? Venue { get; set; }

    public bool IsBlank => new[] { Title, StartsAt, EndsAt, OnlineUrl, Venue }.All(string.IsNullOrWhiteSpace);
}
