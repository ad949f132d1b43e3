namespace BathroomAftersales.Domain.Surveys;

/// <summary>Who a campaign invites.</summary>
public enum SurveyAudience
{
    /// <summary>Customers with a service request completed in the campaign's quarter (Asia/Shanghai).</summary>
    ServedInQuarter,

    /// <summary>
    /// Every customer who can be reached: a portal account or an email address. The archive has no "inactive" flag;
    /// a record that can receive neither an in-app notification nor an email could not answer anyway.
    /// </summary>
    AllActiveCustomers,
}
