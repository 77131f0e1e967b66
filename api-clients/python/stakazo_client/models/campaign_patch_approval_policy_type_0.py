from enum import StrEnum


class CampaignPatchApprovalPolicyType0(StrEnum):
    N = "n"
    NONE = "none"
    ONE = "one"

    def __str__(self) -> str:
        return str(self.value)
