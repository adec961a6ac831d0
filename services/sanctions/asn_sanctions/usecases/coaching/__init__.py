"""The coaching chain's use cases (PP 30/2019 Pasal 57-58); its rules are domain/coaching/."""
