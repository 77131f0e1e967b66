from enum import StrEnum


class CampaignOutApprovalPolicy(StrEnum):
    N = "n"
    NONE = "none"
    ONE = "one"

    def __str__(self) -> str:
        return str(self.value)
