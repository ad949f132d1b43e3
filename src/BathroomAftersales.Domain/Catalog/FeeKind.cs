namespace BathroomAftersales.Domain.Catalog;

/// <summary>The fees of clause 5.1: 上门服务费, 维修、更换零部件费用 (labour), 保养服务费.</summary>
public enum FeeKind
{
    OnSiteFee,
    RepairLabourFee,
    MaintenanceFee,
}
