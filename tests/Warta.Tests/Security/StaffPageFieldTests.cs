using Warta.Web.Accounts.Staff;

namespace Warta.Tests.Security;

/// <summary>The <c>datetime-local</c> fields of staff pages: an instant shown and read back as WIB wall-clock time.</summary>
public class StaffPageFieldTests
{
    [Fact]
    public void A_date_time_field_shows_an_instant_in_wib_and_nothing_when_there_is_no_instant()
    {
        Assert.Equal("2023-05-05T10:23", StaffPage.LocalInput(new DateTimeOffset(2023, 5, 5, 3, 23, 0, TimeSpan.Zero)));
        Assert.Equal("", StaffPage.LocalInput(null));
    }

    [Theory]
    [InlineData("2023-05-05T10:23")]
    [InlineData("2023-05-05T10:23:00")]
    public void A_date_time_field_is_read_as_wib(string value) =>
        Assert.Equal(new DateTimeOffset(2023, 5, 5, 3, 23, 0, TimeSpan.Zero), StaffPage.ParseLocal(value));
}
