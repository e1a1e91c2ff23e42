// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC20} from "../../main/solidity/dev/ERC20.sol";

/// @notice Test token that burns 1% of every transfer (a fee-on-transfer token, as some real tokens are): the
/// recipient gets `amount - amount / 100`. Like USDC's blacklist, it refuses transfers to blocked accounts.
/// Anyone may mint and block.
contract FeeOnTransferToken is ERC20 {
    mapping(address => bool) public blocked;

    error Blocked(address account);

    constructor() ERC20("Fee On Transfer (test)", "FEE", 18) {}

    function setBlocked(address account, bool on) external {
        blocked[account] = on;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _transfer(address from, address to, uint256 amount) internal override {
        if (blocked[to]) revert Blocked(to);
        uint256 fee = amount / 100;
        super._transfer(from, to, amount - fee);
        if (fee > 0) _burn(from, fee);
    }
}
